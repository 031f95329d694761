import type { HistoryAggregation, HistorySeries } from "@/lib/api/contracts";
import { ADDITIVE_METRICS } from "@/lib/aggregation/five-minute";
import type { PointRow } from "@/lib/db/queries/points";

/** Each point's series, as [time, value] pairs sorted by time. */
export type Data = Map<number, Array<[number, number | null]>>;

export function push(data: Data, pointId: number, t: number, v: number | null) {
  if (!data.has(pointId)) data.set(pointId, []);
  data.get(pointId)!.push([t, v]);
}

/** Which stored field a point's series uses: energy-like points are deltas, the rest averages (raw: value). */
export function fieldFor(
  point: Pick<PointRow, "transform" | "metricType">,
  level: HistoryAggregation,
): HistorySeries["field"] {
  if (point.transform === "d" || ADDITIVE_METRICS.has(point.metricType)) return "delta";
  return level === "raw" ? "value" : "avg";
}

// Each point's series comes back as one text of "t,v,t,v…" built by SQLite: a week of 5-minute rows is ~20,000
// rows, and handing them to JS one by one costs more than the query. SQLite's printf stops at 16 significant
// digits (about half of all doubles would come back off by an ulp); the `!` flag lifts that, so %!.17g keeps every
// double exact (and always writes a JSON number: 5.0, 1.0e+17).
export const SERIES_VALUE =
  "CASE WHEN v IS NULL OR abs(v) > 1.7976931348623157e308 THEN 'null' ELSE printf('%!.17g', v) END";

export const list = (xs: number[]) => xs.map(() => "?").join(",") || "NULL";
