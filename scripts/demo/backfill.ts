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
  quiet?: boolean;
}

/** The latest poll or push of the given systems (polling_status never moves backwards), or null. */
async function lastPollMs(db: Db, systemIds: number[]): Promise<number | null> {
  if (!systemIds.length) return null;
  const res = await db.$client.execute({
    sql: `SELECT MAX(last_poll_time) AS t FROM polling_status WHERE system_id IN (${systemIds.map(() => "?").join(",")})`,
    args: systemIds,
  });
  const t = res.rows[0]?.t;
  return t === null || t === undefined ? null : Number(t);
}

/**
 * Replays the last `days` through the real pipeline: the emulators' clock is set to each minute, the real scheduler
 * polls whatever is due then (each vendor keeps its own schedule and quota) — every minute for the last three hours,
 * every five minutes before that, which still fills every 5-minute interval — and push vendors deliver every minute
 * (each push carries that minute's energy). A re-run starts after the last poll, so it only fills the gap.
 */
export async function backfill(options: BackfillOptions): Promise<{ polls: number; pushes: number; minutes: number }> {
  const step = options.stepMs ?? 60_000;
  const toMs = Math.floor(Date.now() / step) * step;
  const last = await lastPollMs(options.db, options.systemIds);
  const fromMs = Math.max(toMs - options.days * 86_400_000, last === null ? 0 : Math.floor(last / step) * step + step);
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
      if (options.pushAt) pushes += await options.pushAt(now);
      bar?.increment();
    }
  } finally {
    bar?.stop();
    await options.setClock(null);
  }
  return { polls, pushes, minutes };
}
