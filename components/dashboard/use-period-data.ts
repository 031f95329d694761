"use client";

import { useMemo } from "react";
import type { HistoryResponse } from "@/lib/api/contracts";
import { historyUrl } from "@/lib/dashboard/history-url";
import { periodDays, periodWindow, type Period } from "@/lib/dashboard/period";
import { buildDayEnergy, ENERGY_KEYS, POWER_KEYS, type DayEnergy } from "@/lib/energy";
import { buildPowerChartData, type PowerChartData } from "@/components/charts/power-chart-data";
import { usePolledJson, type PolledJson } from "./use-polled-json";
import type { ChartState } from "./chart-frame";

export const HISTORY_REFRESH_MS = 5 * 60_000;

export interface PeriodData {
  startMs: number;
  endMs: number;
  /** The power chart's level: 5-minute rows for 1D, 30-minute rows for 7D (336 a series instead of 2,016). */
  powerLevel: "5m" | "30m";
  /** The 5m (1D) or 30m (7D) request; null for 30D. */
  intervals: PolledJson<HistoryResponse> | null;
  daily: PolledJson<HistoryResponse> | null;
  power: PowerChartData | null;
  energyDays: DayEnergy[] | null;
  powerState: ChartState;
  energyState: ChartState;
  energyError: string | null;
  retryEnergy: () => void;
}

/** The state of a chart fed by one or more requests: loading until all answered, error if one failed. */
function stateOf(requests: Array<PolledJson<unknown> | null>, empty: boolean): ChartState {
  const used = requests.filter((r): r is PolledJson<unknown> => r !== null);
  if (used.some((r) => !r.data && r.loading)) return "loading";
  if (used.some((r) => !r.data)) return "error";
  return empty ? "empty" : "ready";
}

/**
 * Fetches what a period's charts need: power at 5 minutes (1D, with energy deltas) or 30 minutes (7D), and daily
 * energy (7D, 30D, today included from 5-minute data by the API), refreshed every 5 minutes while live, once for
 * past periods.
 */
export function usePeriodData(
  systemId: number,
  period: Period,
  zone: string,
  today: string,
  maxDataGapMs = 0,
): PeriodData {
  const { startMs, endMs } = periodWindow(period, zone);
  const interval = period.live ? HISTORY_REFRESH_MS : 0;
  const powerLevel = period.kind === "1D" ? "5m" : "30m";
  const intervalKeys = period.kind === "1D" ? [...POWER_KEYS, ...ENERGY_KEYS] : POWER_KEYS;
  const hasPower = period.kind === "1D" || period.kind === "7D";
  const intervalUrl = !hasPower ? null : historyUrl(systemId, intervalKeys, startMs, endMs, powerLevel);
  const dailyUrl = period.kind === "1D" ? null : historyUrl(systemId, ENERGY_KEYS, startMs, endMs, "daily");
  const steps = usePolledJson<HistoryResponse>(intervalUrl, interval);
  const daily = usePolledJson<HistoryResponse>(dailyUrl, interval);

  const power = useMemo(
    () => (steps.data ? buildPowerChartData(steps.data, startMs, endMs, maxDataGapMs) : null),
    [steps.data, startMs, endMs, maxDataGapMs],
  );
  const energyDays = useMemo(() => {
    if ((intervalUrl && !steps.data) || (dailyUrl && !daily.data)) return null;
    return buildDayEnergy({ days: periodDays(period, zone), today, daily: daily.data, intervals: steps.data });
  }, [steps.data, daily.data, intervalUrl, dailyUrl, period, zone, today]);

  const stepsReq = intervalUrl ? steps : null;
  const dailyReq = dailyUrl ? daily : null;
  const noEnergy = !energyDays || energyDays.every((d) => Object.values(d.totals).every((v) => v === null));
  return {
    startMs,
    endMs,
    powerLevel,
    intervals: stepsReq,
    daily: dailyReq,
    power,
    energyDays,
    powerState: stepsReq ? stateOf([stepsReq], !power || power.present.length === 0) : "empty",
    energyState: stateOf([stepsReq, dailyReq], noEnergy),
    energyError:
      (dailyReq && !dailyReq.data && dailyReq.error) || (stepsReq && !stepsReq.data && stepsReq.error) || null,
    retryEnergy: () => {
      stepsReq?.refresh();
      dailyReq?.refresh();
    },
  };
}
