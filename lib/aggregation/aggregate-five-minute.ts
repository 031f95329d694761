import "server-only";
import type { RawReadingRow, TimeRange } from "@/lib/db/queries/readings";
import {
  INTERVAL_MS,
  intervalEndOf,
  reduceFiveMinute,
  type AggPoint,
  type CounterReset,
  type FiveMinuteRow,
} from "./five-minute";
import { markDaysPending } from "./pending-days";
import { refreshThirtyMinute } from "./thirty-minute";
import { counterValuesBeforeMerged, loadRawRangesMerged } from "./store-raw-reads";
import { nextIntervalEnds, upsertFiveMinuteRows } from "./store-five-minute";

export interface TouchedInterval {
  pointId: number;
  intervalEndMs: number;
}

export interface AggregateOptions {
  sessionId?: number | null;
  nowMs?: number;
  /** Keys `${pointId}:${timeMs}` of readings new in this run: only resets among them are logged (once). */
  newReadings?: Set<string>;
  /** Also recompute every interval with raw readings in these ranges (intervals that ended since the last run). */
  ranges?: Array<TimeRange>;
  /** Resets at readings after this time are logged too: their intervals are aggregated here for the first time. */
  firstAggregatedAfterMs?: number;
}

/**
 * Recomputes the given 5-minute intervals from the raw rows and upserts them in one statement (per 400 rows).
 * For `d` points the first stored interval after each touched one is recomputed too, because its delta is
 * measured from the touched interval's last counter value (late or back-filled data). `options.ranges` adds
 * whole time ranges: every interval in them that has raw readings.
 */
export async function aggregateFiveMinute(
  system: { id: number; displayTimezone: string },
  points: Map<number, AggPoint>,
  touched: TouchedInterval[],
  options: AggregateOptions = {},
): Promise<{ rows: FiveMinuteRow[]; resets: CounterReset[]; newResets: CounterReset[] }> {
  const byPoint = new Map<number, Set<number>>();
  for (const t of touched) {
    if (!points.has(t.pointId)) continue;
    if (!byPoint.has(t.pointId)) byPoint.set(t.pointId, new Set());
    byPoint.get(t.pointId)!.add(t.intervalEndMs);
  }
  await addSuccessors(system.id, points, byPoint);

  const ranges = mergeRanges([...toRanges(byPoint), ...(options.ranges ?? []).filter((r) => points.has(r.pointId))]);
  const raw = await loadRawRangesMerged(system.id, ranges);
  const counterRanges = ranges.filter((r) => points.get(r.pointId)?.transform === "d");
  const prevValues = await counterValuesBeforeMerged(
    system.id,
    counterRanges.map((r) => ({ pointId: r.pointId, atOrBeforeMs: r.afterMs })),
  );
  const prevByRange = new Map(counterRanges.map((r, i) => [r, prevValues[i]]));

  const samplesByKey = new Map<string, RawReadingRow[]>();
  const endsByPoint = new Map<number, number[]>();
  for (const s of raw) {
    const end = intervalEndOf(s.timeMs);
    const key = `${s.pointId}:${end}`;
    if (!samplesByKey.has(key)) {
      samplesByKey.set(key, []);
      if (!endsByPoint.has(s.pointId)) endsByPoint.set(s.pointId, []);
      endsByPoint.get(s.pointId)!.push(end);
    }
    samplesByKey.get(key)!.push(s);
  }

  const rows: FiveMinuteRow[] = [];
  const resets: CounterReset[] = [];
  for (const range of ranges) {
    const point = points.get(range.pointId)!;
    let carry = prevByRange.get(range) ?? null;
    // Only intervals with raw readings: one without (e.g. a vendor-supplied interval) keeps its stored row.
    const ends = (endsByPoint.get(range.pointId) ?? []).filter((e) => e > range.afterMs && e <= range.untilMs);
    for (const end of ends) {
      const samples = samplesByKey.get(`${range.pointId}:${end}`)!;
      const reduced = reduceFiveMinute(
        point,
        end,
        samples.map((s) => ({ timeMs: s.timeMs, value: s.value, valueStr: s.valueStr, quality: s.quality })),
        carry,
      );
      rows.push(reduced.row);
      resets.push(...reduced.resets);
      if (point.transform === "d" && reduced.row.last !== null) carry = reduced.row.last;
    }
  }

  if (rows.length) {
    await upsertFiveMinuteRows(system.id, rows, options.sessionId ?? null, options.nowMs ?? Date.now());
    await refreshThirtyMinute(system.id, rows);
    await markDaysPending(
      system.id,
      rows.map((r) => r.intervalEndMs),
      system.displayTimezone,
    );
  }
  const newResets = logNewResets(system.id, resets, options.newReadings, options.firstAggregatedAfterMs);
  return { rows, resets, newResets };
}

async function addSuccessors(systemId: number, points: Map<number, AggPoint>, byPoint: Map<number, Set<number>>) {
  const items: Array<{ pointId: number; afterMs: number }> = [];
  for (const [pointId, ends] of byPoint) {
    if (points.get(pointId)?.transform !== "d") continue;
    for (const end of ends) items.push({ pointId, afterMs: end });
  }
  if (!items.length) return;
  const next = await nextIntervalEnds(systemId, items);
  items.forEach((it, i) => {
    if (next[i] !== null) byPoint.get(it.pointId)!.add(next[i]!);
  });
}

/** Groups each point's interval ends into runs of consecutive intervals: one raw range query per run. */
function toRanges(byPoint: Map<number, Set<number>>): TimeRange[] {
  const ranges: TimeRange[] = [];
  for (const [pointId, set] of byPoint) {
    const ends = [...set].sort((a, b) => a - b);
    let current: TimeRange | null = null;
    for (const end of ends) {
      if (current && end - current.untilMs === INTERVAL_MS) {
        current.untilMs = end;
      } else {
        current = { pointId, afterMs: end - INTERVAL_MS, untilMs: end };
        ranges.push(current);
      }
    }
  }
  return ranges;
}

/** Widens ranges to whole intervals and merges a point's overlapping or touching ones (sorted, disjoint). */
function mergeRanges(ranges: TimeRange[]): TimeRange[] {
  const sorted = ranges
    .map((r) => ({
      pointId: r.pointId,
      afterMs: intervalEndOf(r.afterMs + 1) - INTERVAL_MS,
      untilMs: intervalEndOf(r.untilMs),
    }))
    .filter((r) => r.untilMs > r.afterMs)
    .sort((a, b) => a.pointId - b.pointId || a.afterMs - b.afterMs);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.pointId === r.pointId && r.afterMs <= last.untilMs)
      last.untilMs = Math.max(last.untilMs, r.untilMs);
    else out.push({ ...r });
  }
  return out;
}

/** Logs the resets among new readings and returns them (the ingest raises a counter-reset alert from them). */
function logNewResets(systemId: number, resets: CounterReset[], fresh?: Set<string>, firstAfterMs?: number) {
  const logged: CounterReset[] = [];
  for (const r of resets) {
    const firstTime = firstAfterMs !== undefined && r.timeMs > firstAfterMs;
    if (fresh && !fresh.has(`${r.pointId}:${r.timeMs}`) && !firstTime) continue;
    logReset({ systemId, ...r });
    logged.push(r);
  }
  return logged;
}

/** One log line per counter reset (a meter replaced, a vendor rollover). */
export function logReset(r: CounterReset & { systemId: number }): void {
  console.warn(
    JSON.stringify({
      level: "warn",
      message: "counter reset: the step counts as 0 energy",
      systemId: r.systemId,
      pointId: r.pointId,
      timeMs: r.timeMs,
      from: r.from,
      to: r.to,
    }),
  );
}
