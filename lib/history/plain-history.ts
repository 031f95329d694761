import "server-only";
import type { HistoryAggregation, HistoryResponse, HistorySeries } from "@/lib/api/contracts";
import { listPoints, type PointRow } from "@/lib/db/queries/points";
import { loadRawWindow, type RawReadingRow } from "@/lib/db/queries/readings";
import { QUALITY } from "@/lib/db/schema";
import { pathMatcher, pathOfPoint } from "@/lib/points";
import { dailySeries } from "./daily-series";
import { fiveMinuteSeries, thirtyMinuteSeries } from "./interval-series";
import { fieldFor, push, type Data } from "./series";

export { fieldFor } from "./series";

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
