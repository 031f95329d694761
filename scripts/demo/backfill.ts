import { SingleBar, Presets } from "cli-progress";
import type { Db } from "../../lib/db/client";

export interface BackfillOptions {
  db: Db;
  /** Systems the scheduler may poll (their adapters decide when each is due). */
  systemIds: number[];
  days: number;
  stepMs?: number;
  /** History older than this is polled every `coarseStepMs` only (pushes stay per minute): a faster first start. */
  fineWindowMs?: number;
  coarseStepMs?: number;
  /** Moves the emulators' virtual clock (null = real time). */
  setClock: (timeMs: number | null) => Promise<void> | void;
  /** One run of the real scheduler at a given time (pollDueSystems). */
  pollDueAt: (now: Date, systemIds: number[]) => Promise<{ polled: number }>;
  /** Push-vendor deliveries for the minute ending at a time (e.g. the Fronius logger's POST), if any. */
  pushAt?: (now: Date) => Promise<number>;
  /** The system the pushes are for: minutes it already has are not pushed again. */
  pushSystemId?: number;
  quiet?: boolean;
}

/**
 * The last poll or push of each active system (polling_status never moves backwards; null = never polled). A
 * removed or disabled system is not waited for.
 */
async function lastPolls(db: Db, systemIds: number[]): Promise<Map<number, number | null>> {
  if (!systemIds.length) return new Map();
  const res = await db.$client.execute({
    sql:
      "SELECT s.id, p.last_poll_time AS t FROM systems s LEFT JOIN polling_status p ON p.system_id = s.id " +
      `WHERE s.status = 'active' AND s.id IN (${systemIds.map(() => "?").join(",")})`,
    args: systemIds,
  });
  return new Map(res.rows.map((r) => [Number(r.id), r.t === null ? null : Number(r.t)]));
}

/**
 * Replays the last `days` through the real pipeline: the emulators' clock is set to each minute, the real scheduler
 * polls whatever is due then (each vendor keeps its own schedule and quota) — every minute for the last three hours,
 * every five minutes before that, which still fills every 5-minute interval — and push vendors deliver every minute
 * (each push carries that minute's energy). A re-run starts after the last poll of the system furthest behind, so
 * it only fills the gaps.
 */
export async function backfill(options: BackfillOptions): Promise<{ polls: number; pushes: number; minutes: number }> {
  const step = options.stepMs ?? 60_000;
  const toMs = Math.floor(Date.now() / step) * step;
  const last = await lastPolls(options.db, options.systemIds);
  // From the system that is furthest behind (one that was failing, or added since): systems already past a minute
  // are not due then, and pushes resume after the push system's own last minute.
  const after = (t: number | null | undefined) =>
    t === null || t === undefined ? 0 : Math.floor(t / step) * step + step;
  const behind = Math.min(...[...last.values()].map(after));
  const fromMs = Math.max(toMs - options.days * 86_400_000, last.size ? behind : 0);
  const pushFrom = options.pushSystemId === undefined ? 0 : after(last.get(options.pushSystemId));
  const minutes = Math.max(0, Math.floor((toMs - fromMs) / step) + 1);
  if (minutes === 0) return { polls: 0, pushes: 0, minutes };
  const bar = options.quiet
    ? null
    : new SingleBar(
        {
          format: "  backfill |{bar}| {percentage}% · {value}/{total} minutes · {eta_formatted} left",
          hideCursor: true,
        },
        Presets.shades_classic,
      );
  bar?.start(minutes, 0);
  let polls = 0;
  let pushes = 0;
  try {
    const fineFrom = toMs - (options.fineWindowMs ?? 3 * 3_600_000);
    const coarse = options.coarseStepMs ?? 5 * 60_000;
    for (let t = fromMs; t <= toMs; t += step) {
      await options.setClock(t);
      const now = new Date(t);
      if (t >= fineFrom || t % coarse === 0) polls += (await options.pollDueAt(now, options.systemIds)).polled;
      if (options.pushAt && t >= pushFrom) pushes += await options.pushAt(now);
      bar?.increment();
    }
  } finally {
    bar?.stop();
    await options.setClock(null);
  }
  return { polls, pushes, minutes };
}
