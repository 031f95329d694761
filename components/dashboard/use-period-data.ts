"use client";

import { useMemo } from "react";
import type { EnergyAccountsResponse } from "@/lib/accounts/types";
import type { HistoryResponse } from "@/lib/api/contracts";
import { historyUrl } from "@/lib/dashboard/history-url";
import { periodWindow, type Period } from "@/lib/dashboard/period";
import { POWER_KEYS } from "@/lib/energy";
import { buildPowerChartData, type PowerChartData } from "@/components/charts/power-chart-data";
import { usePolledJson, type PolledJson } from "./use-polled-json";
import type { ChartState } from "./chart-frame";

export const HISTORY_REFRESH_MS = 5 * 60_000;

export interface PeriodData {
  startMs: number;
  endMs: number;
  /** The power chart's level: 5-minute rows for 1D, 30-minute rows for 7D (336 a series instead of 2,016). */
  powerLevel: "5m" | "30m";
  /** The power request (1D, 7D of a system with power points); null otherwise. */
  intervals: PolledJson<HistoryResponse> | null;
  power: PowerChartData | null;
  powerState: ChartState;
}

/** The state of a panel fed by one request: loading until it answered, error if it failed. */
export function stateOf(request: PolledJson<unknown> | null, empty: boolean): ChartState {
  if (!request) return "empty";
  if (!request.data) return request.loading ? "loading" : "error";
  return empty ? "empty" : "ready";
}

/** Whether the power chart applies: a day or a week of a system that reports power at all (a tariff-only retailer does not). */
export function showsPower(period: Period, hasPower: boolean): boolean {
  return hasPower && (period.kind === "1D" || period.kind === "7D");
}

/**
 * Fetches the power chart's series (5 minutes for 1D, 30 minutes for 7D), refreshed every 5 minutes while live,
 * once for past periods. Energy is not computed here: every energy figure comes from the accounts API.
 */
export function usePowerData(
  systemId: number,
  period: Period,
  zone: string,
  hasPower: boolean,
  maxDataGapMs = 0,
): PeriodData {
  const { startMs, endMs } = periodWindow(period, zone);
  const interval = period.live ? HISTORY_REFRESH_MS : 0;
  const powerLevel = period.kind === "1D" ? "5m" : "30m";
  const url = showsPower(period, hasPower) ? historyUrl(systemId, POWER_KEYS, startMs, endMs, powerLevel) : null;
  const steps = usePolledJson<HistoryResponse>(url, interval);
  const power = useMemo(
    () => (steps.data ? buildPowerChartData(steps.data, startMs, endMs, maxDataGapMs) : null),
    [steps.data, startMs, endMs, maxDataGapMs],
  );
  const request = url ? steps : null;
  return {
    startMs,
    endMs,
    powerLevel,
    intervals: request,
    power,
    powerState: stateOf(request, !power || power.present.length === 0),
  };
}

/** Every flow of the period unknown or zero: nothing to draw. */
export function noEnergy(accounts: EnergyAccountsResponse | null): boolean {
  if (!accounts) return true;
  return Object.values(accounts.total.flows).every((f) => f.wh === null || f.wh === 0);
}
