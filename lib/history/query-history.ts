import "server-only";
import type { HistoryAggregation, HistoryResponse, HistorySeries } from "@/lib/api/contracts";
import { ApiError } from "@/lib/api/errors";
import { ADDITIVE_METRICS, reduceDay, type FiveMinuteRow, type StoredFiveMinute } from "@/lib/aggregation";
import { fiveMinuteThrough } from "@/lib/aggregation/close-intervals";
import { loadFiveMinuteWindowLive, loadOpenTail } from "@/lib/aggregation/open-tail";
import { bucketEndOf, THIRTY_MINUTES_MS } from "@/lib/aggregation/thirty-minute";
import { listPoints, type PointRow } from "@/lib/db/queries/points";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { loadRawWindow, type RawReadingRow } from "@/lib/db/queries/readings";
import { queryRows } from "@/lib/db/client";
import { QUALITY } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { pathMatcher, pathOfPoint } from "@/lib/points";
import { dayBounds, localDay } from "@/lib/time/zones";
import { chooseLevel, spanProblem } from "./levels";

export interface HistoryRequest {
  /** vendorType (a systems row has it) says which are composites; when absent it is looked up. */
  systems: Array<{ id: number; displayTimezone: string; vendorType?: string }>;
  /** Point paths with globs (`source.solar*\/power`) or numeric point ids. */
  pointKeys: string[];
  startMs: number;
  endMs: number;
  aggregation?: HistoryAggregation;
  nowMs?: number;
}

/** Which stored field a point's series uses: energy-like points are deltas, the rest averages (raw: value). */
export function fieldFor(
  point: Pick<PointRow, "transform" | "metricType">,
  level: HistoryAggregation,
): HistorySeries["field"] {
  if (point.transform === "d" || ADDITIVE_METRICS.has(point.metricType)) return "delta";
  return level === "raw" ? "value" : "avg";
}

/** The active, numeric points of the listed systems that any key matches (path glob or point id). */
export function matchPoints(points: PointRow[], keys: string[]): PointRow[] {
  const ids = new Set(keys.filter((k) => /^\d+$/.test(k)).map(Number));
  const globs = keys.filter((k) => !/^\d+$/.test(k)).map(pathMatcher);
  return points.filter((p) => {
    if (!p.active || p.metricType === "text") return false;
    const path = pathOfPoint(p);
    return ids.has(p.id) || (path !== null && globs.some((m) => m(path)));
  });
}

/**
 * Time series for the matched points of the listed systems at one aggregation level (chosen automatically
 * unless given), one query per system (plus a read of the intervals still in progress, which are reduced on read
 * until they are stored). 400 when the span is too long for the level. Composite systems answer with their
 * synthetic series, computed from their sources (lib/composite; raw is served as 5m for them).
 */
export async function queryHistory(req: HistoryRequest): Promise<HistoryResponse> {
  const nowMs = req.nowMs ?? Date.now();
  const level = req.aggregation ?? chooseLevel(req.startMs, req.endMs, nowMs, getEnv().RAW_RETENTION_DAYS);
  const problem = spanProblem(level, req.startMs, req.endMs);
  if (problem) throw new ApiError("BAD_REQUEST", problem);

  const composites = await compositeIds(req.systems);
  const plain = req.systems.filter((s) => !composites.has(s.id));
  const response = await queryPlainHistory({ ...req, systems: plain, nowMs }, level);
  if (!composites.size) return response;
  // Loaded on demand so the poller and ingest never pull the composite layer in.
  const { queryCompositeHistory } = await import("@/lib/composite/history");
  const compositeLevel = level === "raw" ? "5m" : level;
  for (const s of req.systems.filter((x) => composites.has(x.id))) {
    response.series.push(...(await queryCompositeHistory(s.id, { ...req, nowMs, level: compositeLevel })));
  }
  if (!plain.length) response.aggregation = compositeLevel;
  return response;
}

async function compositeIds(systems: HistoryRequest["systems"]): Promise<Set<number>> {
  const unknown = systems.filter((s) => s.vendorType === undefined).map((s) => s.id);
  const looked = unknown.length ? await listPipelineSystems(unknown) : [];
  const types = new Map([
    ...systems.map((s) => [s.id, s.vendorType] as const),
    ...looked.map((s) => [s.id, s.vendorType] as const),
  ]);
  return new Set([...types].filter(([, t]) => t === "composite").map(([id]) => id));
}

/** queryHistory for ordinary (stored) systems only, at a given level; composites use it for their sources. */
export async function queryPlainHistory(
  req: HistoryRequest & { nowMs: number },
  level: HistoryAggregation,
): Promise<HistoryResponse> {
  const nowMs = req.nowMs;
  const matched = matchPoints(await listPoints(req.systems.map((s) => s.id)), req.pointKeys);
  const series: HistorySeries[] = [];
  for (const system of req.systems) {
    const points = matched.filter((p) => p.systemId === system.id);
    if (!points.length) continue;
    const ids = points.map((p) => p.id);
    const data =
      level === "raw"
        ? rawSeries(points, await loadRawWindow(system.id, ids, req.startMs - 1, req.endMs))
        : level === "5m"
          ? await fiveMinuteSeries(system.id, points, ids, req.startMs, req.endMs)
          : level === "30m"
            ? await thirtyMinuteSeries(system.id, points, ids, req.startMs, req.endMs)
            : await dailySeries(system, points, ids, req.startMs, req.endMs, nowMs);
    for (const p of points) {
      series.push({
        systemId: system.id,
        pointId: p.id,
        path: pathOfPoint(p),
        displayName: p.displayName,
        unit: p.metricUnit,
        field: fieldFor(p, level),
        data: data.get(p.id) ?? [],
      });
    }
  }
  return { aggregation: level, startMs: req.startMs, endMs: req.endMs, series };
}

type Data = Map<number, Array<[number, number | null]>>;

function push(data: Data, pointId: number, t: number, v: number | null) {
  if (!data.has(pointId)) data.set(pointId, []);
  data.get(pointId)!.push([t, v]);
}

/** Raw values (inverted for `i`); counters become per-reading steps (a reset step counts 0). */
function rawSeries(points: PointRow[], rows: RawReadingRow[]): Data {
  const byId = new Map(points.map((p) => [p.id, p]));
  const data: Data = new Map();
  const prev = new Map<number, number>();
  for (const r of rows) {
    const p = byId.get(r.pointId)!;
    const v = r.quality === QUALITY.error ? null : r.value;
    if (p.transform === "d") {
      const before = prev.get(r.pointId);
      push(data, r.pointId, r.timeMs, v === null || before === undefined ? null : Math.max(0, v - before));
      if (v !== null) prev.set(r.pointId, v);
    } else {
      push(data, r.pointId, r.timeMs, v === null ? null : p.transform === "i" ? -v : v);
    }
  }
  return data;
}

// Each point's series comes back as one text of "t,v,t,v…" built by SQLite: a week of 5-minute rows is ~20,000
// rows, and handing them to JS one by one costs more than the query. SQLite's printf stops at 16 significant
// digits (about half of all doubles would come back off by an ulp); the `!` flag lifts that, so %!.17g keeps every
// double exact (and always writes a JSON number: 5.0, 1.0e+17).
const SERIES_VALUE = "CASE WHEN v IS NULL OR abs(v) > 1.7976931348623157e308 THEN 'null' ELSE printf('%!.17g', v) END";

const list = (xs: number[]) => xs.map(() => "?").join(",") || "NULL";

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
  const rows = await queryRows(
    `SELECT point_id, '[' || group_concat(interval_end || ',' || ${SERIES_VALUE}, ',') || ']' ` +
      `FROM (SELECT point_id, interval_end, CASE WHEN point_id IN (${list(deltaIds)}) THEN delta ELSE avg END AS v ` +
      `FROM ${table} WHERE system_id = ? AND point_id IN (${list(ids)}) ` +
      "AND interval_end > ? AND interval_end <= ? ORDER BY point_id, interval_end) GROUP BY point_id",
    [...deltaIds, systemId, ...ids, startMs, endMs],
  );
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
async function fiveMinuteSeries(systemId: number, points: PointRow[], ids: number[], startMs: number, endMs: number) {
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
async function thirtyMinuteSeries(systemId: number, points: PointRow[], ids: number[], startMs: number, endMs: number) {
  const data = await intervalSeries("point_readings_agg_30m", systemId, points, ids, startMs, endMs);
  const lastEnd = Math.floor(endMs / THIRTY_MINUTES_MS) * THIRTY_MINUTES_MS;
  const through = await fiveMinuteThrough(systemId);
  if (through === null) return data; // only vendor intervals: their buckets are stored as they are written
  const firstOpen = Math.floor(through / THIRTY_MINUTES_MS) * THIRTY_MINUTES_MS + THIRTY_MINUTES_MS;
  const fromBucket = Math.max(firstOpen, bucketEndOf(startMs + 1));
  if (fromBucket > lastEnd) return data;
  const rows = await loadFiveMinuteWindowLive(systemId, fromBucket - THIRTY_MINUTES_MS, lastEnd, ids);
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

/**
 * The daily avg and delta of (afterMs, untilMs] per point, as reduceDay gives them over the 5-minute rows readers
 * see: the rows up to the system's aggregated mark summed by SQLite (no JS row per interval: today can be 288 rows
 * a point), then the few after it as readers see them (stored, or reduced from raw when not stored yet).
 * avg = mean of the non-null averages, delta = sum of the non-null deltas.
 */
async function daySoFar(systemId: number, ids: number[], afterMs: number, untilMs: number) {
  const through = await fiveMinuteThrough(systemId);
  const cut = through === null ? untilMs : Math.min(untilMs, Math.max(through, afterMs));
  const [stored, recent] = await Promise.all([
    queryRows(
      "SELECT point_id, count(avg), total(avg), count(delta), total(delta) FROM point_readings_agg_5m " +
        `WHERE system_id = ? AND point_id IN (${list(ids)}) AND interval_end > ? AND interval_end <= ? GROUP BY point_id`,
      [systemId, ...ids, afterMs, cut],
    ),
    cut < untilMs ? loadFiveMinuteWindowLive(systemId, cut, untilMs, ids) : Promise.resolve([]),
  ]);
  const sums = new Map<number, { n: number; avg: number; deltas: number; delta: number }>();
  for (const [id, n, avg, deltas, delta] of stored) {
    sums.set(Number(id), { n: Number(n), avg: Number(avg), deltas: Number(deltas), delta: Number(delta) });
  }
  for (const r of recent) {
    const s = sums.get(r.pointId) ?? { n: 0, avg: 0, deltas: 0, delta: 0 };
    if (r.avg !== null) {
      s.n += 1;
      s.avg += r.avg;
    }
    if (r.delta !== null) {
      s.deltas += 1;
      s.delta += r.delta;
    }
    sums.set(r.pointId, s);
  }
  const out = new Map<number, { avg: number | null; delta: number | null }>();
  for (const [id, s] of sums) out.set(id, { avg: s.n ? s.avg / s.n : null, delta: s.deltas ? s.delta : null });
  return out;
}

// Local midnights are a pure function of (day, zone) and luxon's zone maths costs tens of µs each: a year of
// daily points would spend most of its time there. Remembered per process, bounded.
const dayStarts = new Map<string, number>();
function dayStart(day: string, zone: string): number {
  const key = `${zone}|${day}`;
  let ms = dayStarts.get(key);
  if (ms === undefined) {
    if (dayStarts.size >= 50_000) dayStarts.clear();
    ms = dayBounds(day, zone).startMs;
    dayStarts.set(key, ms);
  }
  return ms;
}

/**
 * Stored days, plus today so far and any day still pending its roll-up, computed from the 5-minute rows as
 * readers see them (intervals not stored yet included), so a late or missed cron never shows a stale or empty day.
 */
async function dailySeries(
  system: { id: number; displayTimezone: string },
  points: PointRow[],
  ids: number[],
  startMs: number,
  endMs: number,
  nowMs: number,
) {
  const zone = system.displayTimezone;
  const byId = new Map(points.map((p) => [p.id, p]));
  const fromDay = localDay(startMs, zone);
  const toDay = localDay(endMs - 1, zone);
  const today = localDay(nowMs, zone);
  const deltaIds = points.filter((p) => fieldFor(p, "daily") === "delta").map((p) => p.id);
  const rows = await queryRows(
    `SELECT point_id, '[' || group_concat('"' || day || '",' || ${SERIES_VALUE}, ',') || ']' ` +
      `FROM (SELECT point_id, day, CASE WHEN point_id IN (${list(deltaIds)}) THEN delta ELSE avg END AS v ` +
      `FROM point_readings_agg_1d WHERE system_id = ? AND point_id IN (${list(ids)}) AND day >= ? AND day <= ? ` +
      "ORDER BY point_id, day) GROUP BY point_id",
    [...deltaIds, system.id, ...ids, fromDay, toDay],
  );
  // Days whose daily row is missing or stale come from the 5-minute rows instead: today (its row only exists after
  // midnight) and days still marked pending (their 5-minute data changed since the roll-up, or it has not run yet).
  const pending = await queryRows("SELECT day FROM daily_pending WHERE system_id = ? AND day >= ? AND day <= ?", [
    system.id,
    fromDay,
    toDay,
  ]);
  const fromFive = new Set(pending.map((r) => String(r[0])).filter((d) => d <= today));
  if (today >= fromDay && today <= toDay) fromFive.add(today);
  const data: Data = new Map();
  for (const [pointId, text] of rows) {
    const flat = JSON.parse(String(text)) as Array<string | number | null>;
    for (let i = 0; i < flat.length; i += 2) {
      const day = flat[i] as string;
      if (!fromFive.has(day)) push(data, Number(pointId), dayStart(day, zone), flat[i + 1] as number | null);
    }
  }
  for (const day of [...fromFive].sort()) {
    const { startMs: dayStartMs, endMs: dayEndMs } = dayBounds(day, zone);
    for (const [id, v] of await daySoFar(system.id, ids, dayStartMs, Math.min(dayEndMs, nowMs))) {
      push(data, id, dayStartMs, fieldFor(byId.get(id)!, "daily") === "delta" ? v.delta : v.avg);
    }
  }
  for (const series of data.values()) series.sort((a, b) => a[0] - b[0]);
  return data;
}
