import type { HistoryAggregation } from "@/lib/api/contracts";

/** The GET /api/data/historical URL for one system, point keys (paths, globs or ids) and a window in ms. */
export function historyUrl(
  systemId: number,
  pointKeys: readonly string[],
  startMs: number,
  endMs: number,
  aggregation: HistoryAggregation,
): string {
  const q = new URLSearchParams({
    systemIds: String(systemId),
    pointKeys: pointKeys.join(","),
    start: String(Math.floor(startMs)),
    end: String(Math.ceil(endMs)),
    aggregation,
  });
  return `/api/data/historical?${q.toString()}`;
}
