import "server-only";
import type { HistoryAggregation, HistoryResponse, HistorySeries } from "@/lib/api/contracts";
import { ApiError } from "@/lib/api/errors";
import { ADDITIVE_METRICS, loadFiveMinuteWindow, reduceDay } from "@/lib/aggregation";
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
 * unless given), one query per system. 400 when the span is too long for the level. Composite systems answer
 * with their synthetic series, computed from their sources (lib/composite; raw is served as 5m for them).
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
// rows, and handing them to JS one by one costs more than the query. %.17g keeps every double exact.
const SERIES_VALUE = "CASE WHEN v IS NULL OR abs(v) > 1.7976931348623157e308 THEN 'null' ELSE printf('%.17g', v) END";

async function fiveMinuteSeries(systemId: number, points: PointRow[], ids: number[], startMs: number, endMs: number) {
  const deltaIds = points.filter((p) => fieldFor(p, "5m") === "delta").map((p) => p.id);
  const list = (xs: number[]) => xs.map(() => "?").join(",") || "NULL";
  const rows = await queryRows(
    `SELECT point_id, '[' || group_concat(interval_end || ',' || ${SERIES_VALUE}, ',') || ']' ` +
      `FROM (SELECT point_id, interval_end, CASE WHEN point_id IN (${list(deltaIds)}) THEN delta ELSE avg END AS v ` +
      `FROM point_readings_agg_5m WHERE system_id = ? AND point_id IN (${list(ids)}) ` +
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

/** Stored days, plus today so far computed from the 5-minute rows (the daily row only exists after midnight). */
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
  const list = (xs: number[]) => xs.map(() => "?").join(",") || "NULL";
  const rows = await queryRows(
    `SELECT point_id, '[' || group_concat('"' || day || '",' || ${SERIES_VALUE}, ',') || ']' ` +
      `FROM (SELECT point_id, day, CASE WHEN point_id IN (${list(deltaIds)}) THEN delta ELSE avg END AS v ` +
      `FROM point_readings_agg_1d WHERE system_id = ? AND point_id IN (${list(ids)}) AND day >= ? AND day <= ? ` +
      "ORDER BY point_id, day) GROUP BY point_id",
    [...deltaIds, system.id, ...ids, fromDay, toDay],
  );
  const data: Data = new Map();
  for (const [pointId, text] of rows) {
    const flat = JSON.parse(String(text)) as Array<string | number | null>;
    for (let i = 0; i < flat.length; i += 2) {
      const day = flat[i] as string;
      if (day !== today) push(data, Number(pointId), dayStart(day, zone), flat[i + 1] as number | null);
    }
  }
  for (const series of data.values()) series.sort((a, b) => a[0] - b[0]);
  if (today >= fromDay && today <= toDay) {
    const { startMs: todayStart } = dayBounds(today, zone);
    const rows = await loadFiveMinuteWindow(system.id, todayStart, nowMs, ids);
    for (const id of ids) {
      const mine = rows.filter((r) => r.pointId === id);
      if (!mine.length) continue;
      const v = reduceDay(mine);
      push(data, id, todayStart, fieldFor(byId.get(id)!, "daily") === "delta" ? v.delta : v.avg);
    }
  }
  return data;
}
