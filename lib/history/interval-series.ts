import "server-only";
import type { HistorySeries } from "@/lib/api/contracts";
import { reduceDay, type FiveMinuteRow, type StoredFiveMinute } from "@/lib/aggregation";
import { fiveMinuteThrough } from "@/lib/aggregation/close-intervals";
import { loadFiveMinuteWindowLive, loadOpenTail } from "@/lib/aggregation/open-tail";
import { bucketEndOf, THIRTY_MINUTES_MS } from "@/lib/aggregation/thirty-minute";
import type { PointRow } from "@/lib/db/queries/points";
import { fieldFor, type Data } from "./series";
import { intervalSeriesText } from "./store";

/**
 * One query for the stored rows of a 5- or 30-minute table in (startMs, endMs], each point's series as one text
 * of "t,v,t,v…" (avg, or delta for energy-like points).
 */
async function intervalSeries(
  table: "point_readings_agg_5m" | "point_readings_agg_30m",
  systemId: number,
  points: PointRow[],
  ids: number[],
  startMs: number,
  endMs: number,
): Promise<Data> {
  const deltaIds = points.filter((p) => fieldFor(p, "5m") === "delta").map((p) => p.id);
  const rows = await intervalSeriesText(table, systemId, ids, deltaIds, startMs, endMs);
  const data: Data = new Map();
  for (const [pointId, text] of rows) {
    const flat = JSON.parse(String(text)) as Array<number | null>;
    const series: Array<[number, number | null]> = new Array(flat.length / 2);
    let sorted = true;
    for (let i = 0; i < flat.length; i += 2) {
      series[i / 2] = [flat[i] as number, flat[i + 1]];
      if (i && (flat[i] as number) < (flat[i - 2] as number)) sorted = false;
    }
    // The scan yields key order (an ORDER BY inside group_concat would sort again); guard it anyway.
    data.set(Number(pointId), sorted ? series : series.sort((a, b) => a[0] - b[0]));
  }
  return data;
}

/**
 * Puts values into sorted series, replacing a value at the same time. Replacements are the newest intervals, so
 * only the tail of each series from the first replaced time on is merged.
 */
function replaceValues(data: Data, values: Map<number, Array<[number, number | null]>>) {
  for (const [pointId, fresh] of values) {
    fresh.sort((a, b) => a[0] - b[0]);
    const series = data.get(pointId) ?? [];
    let lo = 0;
    let hi = series.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (series[mid][0] < fresh[0][0]) lo = mid + 1;
      else hi = mid;
    }
    const rest = series.splice(lo);
    const merged: Array<[number, number | null]> = [];
    let i = 0;
    let j = 0;
    while (i < rest.length || j < fresh.length) {
      if (j >= fresh.length || (i < rest.length && rest[i][0] < fresh[j][0])) merged.push(rest[i++]);
      else {
        if (i < rest.length && rest[i][0] === fresh[j][0]) i++;
        merged.push(fresh[j++]);
      }
    }
    for (const x of merged) series.push(x);
    data.set(pointId, series);
  }
}

function valuesByPoint<R extends { pointId: number; intervalEndMs: number }>(
  rows: R[],
  value: (r: R) => number | null,
): Map<number, Array<[number, number | null]>> {
  const out = new Map<number, Array<[number, number | null]>>();
  for (const r of rows) {
    if (!out.has(r.pointId)) out.set(r.pointId, []);
    out.get(r.pointId)!.push([r.intervalEndMs, value(r)]);
  }
  return out;
}

const fieldValue = (field: HistorySeries["field"], r: Pick<FiveMinuteRow, "avg" | "delta">) =>
  field === "delta" ? r.delta : r.avg;

/** Stored 5-minute rows plus the intervals still in progress (a tail row replaces a stored one at its end). */
export async function fiveMinuteSeries(
  systemId: number,
  points: PointRow[],
  ids: number[],
  startMs: number,
  endMs: number,
) {
  const data = await intervalSeries("point_readings_agg_5m", systemId, points, ids, startMs, endMs);
  const tail = await loadOpenTail(systemId, ids, startMs, endMs);
  if (tail.length) {
    const field = new Map(points.map((p) => [p.id, fieldFor(p, "5m")]));
    replaceValues(
      data,
      valuesByPoint(tail, (r) => fieldValue(field.get(r.pointId)!, r)),
    );
  }
  return data;
}

/**
 * Stored 30-minute buckets with end in (startMs, endMs]. A bucket is stored once it has ended and its intervals
 * are closed (lib/aggregation/close-intervals.ts), so buckets after the system's aggregated mark are reduced here
 * from the 5-minute rows as readers see them (intervals not stored yet included), with the same reduction as the
 * stored ones (reduceDay).
 */
export async function thirtyMinuteSeries(
  systemId: number,
  points: PointRow[],
  ids: number[],
  startMs: number,
  endMs: number,
) {
  const data = await intervalSeries("point_readings_agg_30m", systemId, points, ids, startMs, endMs);
  const lastEnd = Math.floor(endMs / THIRTY_MINUTES_MS) * THIRTY_MINUTES_MS;
  const through = await fiveMinuteThrough(systemId);
  if (through === null) return data; // only vendor intervals: their buckets are stored as they are written
  const firstOpen = Math.floor(through / THIRTY_MINUTES_MS) * THIRTY_MINUTES_MS + THIRTY_MINUTES_MS;
  const fromBucket = Math.max(firstOpen, bucketEndOf(startMs + 1));
  if (fromBucket > lastEnd) return data;
  const rows = await loadFiveMinuteWindowLive(systemId, fromBucket - THIRTY_MINUTES_MS, lastEnd, ids, through);
  const groups = new Map<string, StoredFiveMinute[]>();
  for (const r of rows) {
    const k = `${r.pointId}:${bucketEndOf(r.intervalEndMs)}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  const field = new Map(points.map((p) => [p.id, fieldFor(p, "30m")]));
  const buckets = [...groups].map(([k, group]) => {
    const [pointId, end] = k.split(":").map(Number);
    return { pointId, intervalEndMs: end, value: fieldValue(field.get(pointId)!, reduceDay(group)) };
  });
  replaceValues(
    data,
    valuesByPoint(buckets, (b) => b.value),
  );
  return data;
}
