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
import { counterValuesBeforeMerged, loadRawRangesMerged } from "./raw-reads";
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
}

interface Range extends TimeRange {
  ends: number[];
}

/**
 * Recomputes the given 5-minute intervals from the raw rows and upserts them in one statement (per 400 rows).
 * For `d` points the first stored interval after each touched one is recomputed too, because its delta is
 * measured from the touched interval's last counter value (late or back-filled data).
 */
export async function aggregateFiveMinute(
  system: { id: number; displayTimezone: string },
  points: Map<number, AggPoint>,
  touched: TouchedInterval[],
  options: AggregateOptions = {},
): Promise<{ rows: FiveMinuteRow[]; resets: CounterReset[] }> {
  const byPoint = new Map<number, Set<number>>();
  for (const t of touched) {
    if (!points.has(t.pointId)) continue;
    if (!byPoint.has(t.pointId)) byPoint.set(t.pointId, new Set());
    byPoint.get(t.pointId)!.add(t.intervalEndMs);
  }
  await addSuccessors(system.id, points, byPoint);

  const ranges = toRanges(byPoint);
  const raw = await loadRawRangesMerged(system.id, ranges);
  const counterRanges = ranges.filter((r) => points.get(r.pointId)?.transform === "d");
  const prevValues = await counterValuesBeforeMerged(
    system.id,
    counterRanges.map((r) => ({ pointId: r.pointId, atOrBeforeMs: r.afterMs })),
  );
  const prevByRange = new Map(counterRanges.map((r, i) => [r, prevValues[i]]));

  const samplesByKey = new Map<string, RawReadingRow[]>();
  for (const s of raw) {
    const key = `${s.pointId}:${intervalEndOf(s.timeMs)}`;
    if (!samplesByKey.has(key)) samplesByKey.set(key, []);
    samplesByKey.get(key)!.push(s);
  }

  const rows: FiveMinuteRow[] = [];
  const resets: CounterReset[] = [];
  for (const range of ranges) {
    const point = points.get(range.pointId)!;
    let carry = prevByRange.get(range) ?? null;
    for (const end of range.ends) {
      const samples = samplesByKey.get(`${range.pointId}:${end}`);
      if (!samples?.length) continue; // nothing raw here (e.g. a vendor-supplied interval): leave the row alone
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
    await markDaysPending(
      system.id,
      rows.map((r) => r.intervalEndMs),
      system.displayTimezone,
    );
  }
  logNewResets(system.id, resets, options.newReadings);
  return { rows, resets };
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
function toRanges(byPoint: Map<number, Set<number>>): Range[] {
  const ranges: Range[] = [];
  for (const [pointId, set] of byPoint) {
    const ends = [...set].sort((a, b) => a - b);
    let current: Range | null = null;
    for (const end of ends) {
      if (current && end - current.untilMs === INTERVAL_MS) {
        current.untilMs = end;
        current.ends.push(end);
      } else {
        current = { pointId, afterMs: end - INTERVAL_MS, untilMs: end, ends: [end] };
        ranges.push(current);
      }
    }
  }
  return ranges;
}

function logNewResets(systemId: number, resets: CounterReset[], fresh?: Set<string>) {
  for (const r of resets) {
    if (fresh && !fresh.has(`${r.pointId}:${r.timeMs}`)) continue;
    console.warn(
      JSON.stringify({
        level: "warn",
        message: "counter reset: the step counts as 0 energy",
        systemId,
        pointId: r.pointId,
        timeMs: r.timeMs,
        from: r.from,
        to: r.to,
      }),
    );
  }
}
