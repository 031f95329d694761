import "server-only";
import { endedBy, fiveMinuteThrough } from "./close-intervals";
import type { FiveMinuteRow } from "./five-minute";
import { reduceRangesSql } from "./sql-five-minute";
import { loadFiveMinuteWindow, type StoredFiveMinute } from "./store-five-minute";

/**
 * The 5-minute rows of intervals that have ended but are not stored yet: raw readings after the system's
 * aggregated mark (aggregation_state.five_minute_through; see ./close-intervals.ts), reduced on read exactly as
 * they will be stored. Only intervals whose end is in (afterMs, untilMs]: a window ending now never includes
 * the interval in progress, as with stored rows. Empty, with one key lookup, when the window ends at or before
 * the mark.
 */
export async function loadOpenTail(
  systemId: number,
  pointIds: number[],
  afterMs: number,
  untilMs: number,
  /** The system's mark when the caller has just read it (undefined: read it here). */
  knownThrough?: number | null,
): Promise<FiveMinuteRow[]> {
  if (!pointIds.length) return [];
  const through = knownThrough === undefined ? await fiveMinuteThrough(systemId) : knownThrough;
  const lastEnd = endedBy(untilMs);
  if (through === null || lastEnd <= Math.max(through, afterMs)) return [];
  // The same SQL reducer that stores intervals when they are closed: a row read now equals the row stored later.
  const rows = await reduceRangesSql([{ systemId, pointIds, afterMs: through, untilMs: lastEnd }]);
  return rows.filter((r) => r.intervalEndMs > afterMs);
}

/**
 * One system's 5-minute rows with interval end in (afterMs, untilMs] as readers should see them: the stored rows
 * plus the ended intervals not stored yet (loadOpenTail), a tail row replacing a stored one with the same end.
 * Sorted by point, then interval end.
 */
export async function loadFiveMinuteWindowLive(
  systemId: number,
  afterMs: number,
  untilMs: number,
  pointIds: number[],
  knownThrough?: number | null,
): Promise<StoredFiveMinute[]> {
  const [stored, tail] = await Promise.all([
    loadFiveMinuteWindow(systemId, afterMs, untilMs, pointIds),
    loadOpenTail(systemId, pointIds, afterMs, untilMs, knownThrough),
  ]);
  if (!tail.length) return stored;
  const tailKeys = new Set(tail.map((r) => `${r.pointId}:${r.intervalEndMs}`));
  const asStored = tail.map(({ dataQuality: _quality, ...r }): StoredFiveMinute => r);
  return [...stored.filter((r) => !tailKeys.has(`${r.pointId}:${r.intervalEndMs}`)), ...asStored].sort(
    (a, b) => a.pointId - b.pointId || a.intervalEndMs - b.intervalEndMs,
  );
}
