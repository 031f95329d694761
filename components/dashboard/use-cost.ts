"use client";

import { useMemo } from "react";
import type { HistoryResponse, LatestPoint } from "@/lib/api/contracts";
import { historyUrl } from "@/lib/dashboard/history-url";
import { periodWindow, type Period } from "@/lib/dashboard/period";
import { usePolledJson } from "./use-polled-json";

/** The period's electricity cost in cents, per side, from the system's cost points (a retailer's); null parts: none. */
export interface CostTotals {
  /** What energy taken from the grid cost (import and controlled-load channels). */
  bought: number | null;
  /** Feed-in: negative when the retailer paid for exported energy. */
  exported: number | null;
  net: number;
}

/** The paths of a system's cost points (`…/cost` in cents). */
export function costPaths(points: LatestPoint[]): string[] {
  return [...new Set(points.filter((p) => p.unit === "c" && p.path?.endsWith("/cost")).map((p) => p.path!))];
}

/** Adds up a daily cost response: export channels on one side, everything else on the other. */
export function costTotals(history: HistoryResponse): CostTotals | null {
  let bought: number | null = null;
  let exported: number | null = null;
  for (const s of history.series) {
    const sum = s.data.reduce<number | null>((a, [, v]) => (v === null ? a : (a ?? 0) + v), null);
    if (sum === null) continue;
    if (s.path?.startsWith("bidi.grid.export")) exported = (exported ?? 0) + sum;
    else bought = (bought ?? 0) + sum;
  }
  if (bought === null && exported === null) return null;
  return { bought, exported, net: (bought ?? 0) + (exported ?? 0) };
}

/**
 * The period's cost from the history API's daily cost deltas (the server adds each day up; today from its
 * 5-minute rows so far), for systems with cost points; refreshed every 5 minutes while live.
 */
export function useCost(systemId: number, period: Period, zone: string, paths: string[]): CostTotals | null {
  const { startMs, endMs } = periodWindow(period, zone);
  const url = paths.length ? historyUrl(systemId, paths, startMs, endMs, "daily") : null;
  const { data } = usePolledJson<HistoryResponse>(url, period.live ? 5 * 60_000 : 0);
  return useMemo(() => (data && url ? costTotals(data) : null), [data, url]);
}
