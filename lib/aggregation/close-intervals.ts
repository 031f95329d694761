import "server-only";
import { listPoints } from "@/lib/db/queries/points";
import { chunk, coalesce } from "@/lib/db/coalesce";
import { aggregateFiveMinute, logReset } from "./aggregate-five-minute";
import { INTERVAL_MS, intervalEndOf, type AggPoint, type CounterReset } from "./five-minute";
import { markDaysPending } from "./pending-days";
import { upsertRangesSql } from "./sql-five-minute";
import { advanceFiveMinuteThrough, selectFiveMinuteThrough, selectSystemsBehind } from "./store";
import { refreshThirtyMinute, THIRTY_MINUTES_MS } from "./thirty-minute";

/*
 * 5-minute intervals are aggregated once they have ended, not on every poll: a live system polled each minute
 * writes its raw readings and nothing else for four polls in five, and on the first poll after a 5-minute
 * boundary the interval that just ended is reduced from its raw readings and stored, once. Per system,
 * aggregation_state.five_minute_through is the end of the newest interval so aggregated; it only moves forward.
 *
 * - Readings for intervals that have already ended (late data, a vendor that reports with a delay, a back-fill)
 *   are aggregated on arrival, exactly as before.
 * - Readings wait in raw until their interval is closed. An interval that has ended but is not closed yet is
 *   reduced on the fly by readers (./open-tail.ts), so charts and today's totals show every ended interval, as
 *   if it had been stored on arrival.
 * - Anything that ended but was not closed by a poll (a system that went quiet) is closed by the daily job.
 */

/** The end of the newest interval that has ended by `nowMs` (an interval ending exactly now has ended). */
export function endedBy(nowMs: number): number {
  return Math.floor(nowMs / INTERVAL_MS) * INTERVAL_MS;
}

const throughMerged = coalesce<number, number | null>(async (systemIds) => {
  const found = await selectFiveMinuteThrough([...new Set(systemIds)]);
  return systemIds.map((id) => found.get(id) ?? null);
});

/** The system's aggregated mark, or null if nothing was ever aggregated from its raw readings. */
export async function fiveMinuteThrough(systemId: number): Promise<number | null> {
  const [through] = await throughMerged([systemId]);
  return through;
}

type AdvanceItem = { systemId: number; through: number; nowMs: number };

const advanceMerged = coalesce<AdvanceItem, null>(async (items) => {
  await advanceFiveMinuteThrough(items);
  return items.map(() => null);
});

/** Ranges up to this long are closed by the SQL reducer (a poll's usual range is one interval). */
const CLOSE_IN_SQL_MAX_MS = 24 * 3_600_000;

/**
 * Closes (through, closeTo] of one system in SQLite (./sql-five-minute.ts): no JS row per reading. Marks the
 * days the range spans, refreshes the 30-minute buckets that ended in it, and logs counter resets.
 */
async function closeInSql(
  system: { id: number; displayTimezone: string },
  pointIds: number[],
  through: number,
  closeTo: number,
  options: CloseOptions,
): Promise<CounterReset[]> {
  const range = { systemId: system.id, pointIds: null, afterMs: through, untilMs: closeTo };
  const resets = await upsertRangesSql([range], options.sessionId ?? null, options.nowMs);
  const ends: number[] = [];
  for (let e = through + INTERVAL_MS; e <= closeTo; e += INTERVAL_MS) ends.push(e);
  await markDaysPending(system.id, ends, system.displayTimezone);
  // 30-minute rows are stored when their bucket has ended; readers reduce the bucket in progress.
  const buckets = ends.filter((e) => e % THIRTY_MINUTES_MS === 0);
  if (buckets.length) {
    await refreshThirtyMinute(
      system.id,
      pointIds.flatMap((pointId) => buckets.map((intervalEndMs) => ({ pointId, intervalEndMs }))),
    );
  }
  for (const r of resets) logReset(r);
  return resets;
}

export interface CloseOptions {
  sessionId?: number | null;
  nowMs: number;
  /** Keys `${pointId}:${timeMs}` of readings new in this run (reset log); default: the `fresh` readings. */
  newReadings?: Set<string>;
}

/**
 * Aggregates what has ended for one system: the intervals of `fresh` readings (new raw rows of this fetch) that
 * have ended, plus every interval with raw readings between the mark and the newest ended interval (readings of
 * earlier polls); then moves the mark. Returns how many late 5-minute rows were recomputed, how many
 * intervals were closed (each stored for every point with readings in it), and the counter resets it logged.
 */
export async function aggregateEnded(
  system: { id: number; displayTimezone: string },
  points: Map<number, AggPoint>,
  fresh: Array<{ pointId: number; timeMs: number }>,
  options: CloseOptions,
): Promise<{ recomputed: number; closed: number; resets: CounterReset[] }> {
  const closeTo = endedBy(options.nowMs);
  const through = await fiveMinuteThrough(system.id);
  // Late data: intervals closed before (or, on a first fetch, already ended); (through, closeTo] is closed below.
  const lateUntil = through ?? closeTo;
  // Live polls bring no late data: the list is built only when some reading is late.
  const touched = fresh.some((r) => intervalEndOf(r.timeMs) <= lateUntil)
    ? fresh
        .map((r) => ({ pointId: r.pointId, intervalEndMs: intervalEndOf(r.timeMs) }))
        .filter((t) => t.intervalEndMs <= lateUntil)
    : [];
  const result = { recomputed: 0, closed: 0, resets: [] as CounterReset[] };
  if (touched.length) {
    // The JS reducer, which also recomputes a counter's following interval.
    const { rows, newResets } = await aggregateFiveMinute(system, points, touched, {
      sessionId: options.sessionId,
      nowMs: options.nowMs,
      newReadings: options.newReadings ?? new Set(fresh.map((r) => `${r.pointId}:${r.timeMs}`)),
    });
    result.recomputed = rows.length;
    result.resets.push(...newResets);
  }
  if (through !== null && closeTo > through) {
    result.closed = (closeTo - through) / INTERVAL_MS;
    if (closeTo - through > CLOSE_IN_SQL_MAX_MS) {
      // A system back after a long silence: the JS path knows which intervals (and days) have data.
      const ranges = [...points.keys()].map((pointId) => ({ pointId, afterMs: through, untilMs: closeTo }));
      const { newResets } = await aggregateFiveMinute(system, points, [], {
        sessionId: options.sessionId,
        nowMs: options.nowMs,
        newReadings: new Set(),
        ranges,
        firstAggregatedAfterMs: through,
      });
      result.resets.push(...newResets);
    } else {
      result.resets.push(...(await closeInSql(system, [...points.keys()], through, closeTo, options)));
    }
  }
  // A first fetch (no mark yet) starts the mark even if it brought only readings of the interval in progress.
  if (through === null ? fresh.length > 0 : closeTo > through) {
    await advanceMerged([{ systemId: system.id, through: closeTo, nowMs: options.nowMs }]);
  }
  return result;
}

const CLOSE_CONCURRENCY = 50;

/**
 * Closes the intervals that have ended for every system whose mark is more than one interval behind `nowMs`
 * (a system that went quiet, or whose next poll has not come yet), so the daily roll-up sees whole days.
 * Returns the number of systems looked at.
 */
export async function closeQuietSystems(nowMs: number, systemId?: number): Promise<number> {
  const systems = await selectSystemsBehind(endedBy(nowMs) - INTERVAL_MS, systemId);
  // Concurrent closes share merged reads and writes (coalesce), like polls finishing together.
  for (const part of chunk(systems, CLOSE_CONCURRENCY)) {
    const points = await listPoints(part.map((s) => s.id));
    await Promise.all(
      part.map((s) => {
        const mine = new Map<number, AggPoint>(points.filter((p) => p.systemId === s.id).map((p) => [p.id, p]));
        return aggregateEnded(s, mine, [], { nowMs });
      }),
    );
  }
  return systems.length;
}
