import { SingleBar, Presets } from "cli-progress";
import { sql } from "drizzle-orm";
import type { Db } from "../../lib/db/client";

export interface BackfillOptions {
  db: Db;
  systemIds: number[];
  days: number;
  stepMs?: number;
  /** Moves the emulators' virtual clock (null = real time). */
  setClock: (timeMs: number | null) => Promise<void> | void;
  /** The real pipeline's poll of one system at a given time. */
  pollAt: (systemId: number, now: Date) => Promise<unknown>;
  quiet?: boolean;
}

/** Newest raw reading of a system, or null. */
async function lastReadingMs(db: Db, systemId: number): Promise<number | null> {
  const res = await db.$client.execute({
    sql: "SELECT MAX(measurement_time) AS t FROM point_readings WHERE system_id = ?",
    args: [systemId],
  });
  const t = res.rows[0]?.t;
  return t === null || t === undefined ? null : Number(t);
}

/**
 * Polls each system minute by minute through the real pipeline, with the emulators' clock set to that minute,
 * from `days` ago (or from the last stored reading, so a re-run only fills the gap) up to now.
 */
export async function backfill(options: BackfillOptions): Promise<{ polls: number; fromMs: number; toMs: number }> {
  const step = options.stepMs ?? 60_000;
  const toMs = Math.floor(Date.now() / step) * step;
  const earliest = toMs - options.days * 86_400_000;
  const starts = new Map<number, number>();
  for (const id of options.systemIds) {
    const last = await lastReadingMs(options.db, id);
    starts.set(id, Math.max(earliest, last === null ? earliest : Math.floor(last / step) * step + step));
  }
  const fromMs = Math.min(...starts.values());
  const steps = Math.max(0, Math.floor((toMs - fromMs) / step) + 1);
  if (steps === 0 || fromMs > toMs) return { polls: 0, fromMs, toMs };
  const bar = options.quiet
    ? null
    : new SingleBar(
        { format: "  backfill |{bar}| {percentage}% {value}/{total} minutes {eta_formatted} left", hideCursor: true },
        Presets.shades_classic,
      );
  bar?.start(steps, 0);
  let polls = 0;
  try {
    for (let t = fromMs; t <= toMs; t += step) {
      await options.setClock(t);
      const due = options.systemIds.filter((id) => t >= (starts.get(id) ?? Infinity));
      await Promise.all(due.map((id) => options.pollAt(id, new Date(t))));
      polls += due.length;
      bar?.increment();
    }
  } finally {
    bar?.stop();
    await options.setClock(null);
  }
  await options.db.run(sql`PRAGMA wal_checkpoint(PASSIVE)`);
  return { polls, fromMs, toMs };
}
