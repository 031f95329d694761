import "server-only";
import { evaluateReadings } from "@/lib/alerts/evaluate-readings";
import { aggregateEnded, INTERVAL_MS, markDaysPending, refreshThirtyMinute } from "@/lib/aggregation";
import type { RawReadingRow } from "@/lib/db/queries/readings";
import { QUALITY } from "@/lib/db/schema";
import { isKvEnabled, writeLatestValues, type LatestValue } from "@/lib/kv";
import type { FetchResult, IntervalReading, Reading } from "@/lib/vendors/types";
import { ensurePoints } from "./ensure-points";
import { insertRawReadings } from "./insert-raw";
import { upsertIntervals, type IntervalRow } from "./store-intervals";

export interface IngestSystem {
  id: number;
  displayTimezone: string;
}

export interface IngestResult {
  pointsCreated: number;
  readingsReceived: number;
  /** New raw rows (a replay inserts none). */
  readingsInserted: number;
  /** Readings dropped because their time was not a finite number. */
  readingsRejected: number;
  intervalsReceived: number;
  /** Vendor intervals written (new, or replacing a worse or different record of the same quality). */
  intervalsWritten: number;
  /** 5-minute rows recomputed for late readings (intervals that had already been closed). */
  intervalsRecomputed: number;
  /** 5-minute intervals that ended since the previous fetch and were stored (lib/aggregation/close-intervals). */
  intervalsClosed: number;
}

/**
 * Stores one fetch: creates missing points, writes all raw readings in one multi-row insert, writes vendor
 * intervals with quality precedence, re-aggregates the touched 5-minute intervals and refreshes the
 * latest-value cache (best effort). Idempotent: the same data again adds no rows and changes no aggregate.
 */
export async function ingestFetchResult(
  system: IngestSystem,
  result: Pick<FetchResult, "readings" | "intervals">,
  options: { sessionId: number | null; receivedMs: number; cacheLatest?: boolean },
): Promise<IngestResult> {
  const readings = (result.readings ?? []).filter((r) => Number.isFinite(r.measurementTimeMs));
  const intervals = (result.intervals ?? []).filter((r) => Number.isFinite(r.intervalEndMs));
  const nowMs = options.receivedMs;
  const defs = readings.map((r) => r.point);
  for (const r of intervals) defs.push(r.point);
  const points = await ensurePoints(system.id, defs, nowMs);

  const rawRows: RawReadingRow[] = readings.map((r, i) => toRawRow(points.of[i].id, r));
  const inserted = await insertRawReadings(system.id, rawRows, options.sessionId);
  // Intervals that have ended are stored now; the one in progress waits for its end (lib/aggregation/close-intervals).
  const aggregated = await aggregateEnded(system, points.byId, inserted, { sessionId: options.sessionId, nowMs });

  const intervalRows = intervals
    .map((r, i) => {
      const point = points.of[readings.length + i];
      return toIntervalRow(point.id, point.transform, r);
    })
    .filter((r) => {
      if (r.intervalEndMs % INTERVAL_MS === 0) return true;
      console.warn(
        JSON.stringify({ level: "warn", message: "interval end not on a 5-minute boundary: dropped", ...r }),
      );
      return false;
    });
  const written = await upsertIntervals(system.id, intervalRows, options.sessionId, nowMs);
  if (written.length) {
    await refreshThirtyMinute(system.id, written);
    await markDaysPending(
      system.id,
      written.map((w) => w.intervalEndMs),
      system.displayTimezone,
    );
  }

  // Without a cache configured there is nothing to write: skip building the values (field names are O(points²)).
  // A history import (lib/backfill, cacheLatest false) is never the latest value.
  if (isKvEnabled() && options.cacheLatest !== false) {
    await writeLatestValues(system.id, points.byId, latestOf(rawRows, intervalRows, points.byId, nowMs));
  }
  // Reading alert rules (threshold, battery, fault, grid, counter resets the aggregation found): one call per
  // fetch, on what it just stored (lib/alerts).
  if (rawRows.length || aggregated.resets.length) {
    const newest = latestOf(rawRows, [], points.byId, nowMs);
    await evaluateReadings(system.id, newest, points.byId, nowMs, aggregated.resets, system.displayTimezone);
  }
  return {
    pointsCreated: points.created,
    readingsReceived: (result.readings ?? []).length,
    readingsInserted: inserted.length,
    readingsRejected: (result.readings ?? []).length - readings.length,
    intervalsReceived: (result.intervals ?? []).length,
    intervalsWritten: written.length,
    intervalsRecomputed: aggregated.recomputed,
    intervalsClosed: aggregated.closed,
  };
}

function toRawRow(pointId: number, r: Reading): RawReadingRow {
  const finite = r.value === null || r.value === undefined || Number.isFinite(r.value);
  const quality = finite ? QUALITY[r.quality ?? "good"] : QUALITY.error;
  return {
    pointId,
    timeMs: Math.round(r.measurementTimeMs),
    value: finite ? (r.value ?? null) : null,
    valueStr: r.valueStr ?? null,
    quality,
  };
}

function toIntervalRow(pointId: number, transform: "i" | "d" | null, r: IntervalReading): IntervalRow {
  const sign = transform === "i" ? -1 : 1;
  const num = (v: number | null | undefined) =>
    v === null || v === undefined || !Number.isFinite(v) ? null : sign * v;
  return {
    pointId,
    intervalEndMs: Math.round(r.intervalEndMs),
    avg: num(r.avg),
    min: sign < 0 ? num(r.max) : num(r.min),
    max: sign < 0 ? num(r.min) : num(r.max),
    last: num(r.last),
    delta: num(r.delta),
    valueStr: r.valueStr ?? null,
    quality: r.quality ? r.quality.toLowerCase() : null,
  };
}

/** The newest value of each point in this batch, in display form (inverted where the point says so). */
function latestOf(
  raw: RawReadingRow[],
  intervals: IntervalRow[],
  byId: Map<number, { transform: "i" | "d" | null }>,
  receivedMs: number,
): LatestValue[] {
  const newest = new Map<number, LatestValue>();
  const offer = (v: LatestValue) => {
    const cur = newest.get(v.pointId);
    if (!cur || v.measurementTimeMs >= cur.measurementTimeMs) newest.set(v.pointId, v);
  };
  for (const r of raw) {
    if (r.quality === QUALITY.error) continue;
    const sign = byId.get(r.pointId)?.transform === "i" ? -1 : 1;
    const value = r.value === null ? null : sign * r.value;
    offer({ pointId: r.pointId, value, valueStr: r.valueStr, measurementTimeMs: r.timeMs, receivedTimeMs: receivedMs });
  }
  for (const r of intervals) {
    // A forecast (an interval that has not started yet) is never the latest value.
    if (r.intervalEndMs - 300_000 > receivedMs) continue;
    const value = r.last ?? r.avg ?? r.delta;
    offer({
      pointId: r.pointId,
      value,
      valueStr: r.valueStr,
      measurementTimeMs: r.intervalEndMs,
      receivedTimeMs: receivedMs,
    });
  }
  return [...newest.values()];
}
