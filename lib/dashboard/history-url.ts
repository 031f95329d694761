import type { HistoryAggregation } from "@/lib/api/contracts";
import { periodUnit, type Period } from "./period";

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

/**
 * The GET /api/systems/{id}/energy URL of a dashboard period: days for 1D (with its 5-minute intervals), 7D,
 * 30D and a month; months for a year; years for all time.
 */
export function energyUrl(
  systemId: number,
  period: Period,
  opts: { intervals?: boolean; format?: "csv" } = {},
): string {
  const unit = periodUnit(period);
  const q = new URLSearchParams({ period: unit, from: period.startDay, to: period.endDay });
  if ((opts.intervals ?? period.kind === "1D") && !opts.format) q.set("intervals", "1");
  if (opts.format) q.set("format", opts.format);
  return `/api/systems/${systemId}/energy?${q.toString()}`;
}
