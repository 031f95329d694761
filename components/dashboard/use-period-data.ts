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
  fiveMinute: PolledJson<HistoryResponse> | null;
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
 * Fetches what a period's charts need: 5-minute power (1D, 7D; 1D also energy deltas) and daily energy (7D, 30D,
 * today included from 5-minute data by the API), refreshed every 5 minutes while live, once for past periods.
 */
export function usePeriodData(systemId: number, period: Period, zone: string, today: string): PeriodData {
  const { startMs, endMs } = periodWindow(period, zone);
  const interval = period.live ? HISTORY_REFRESH_MS : 0;
  const fiveKeys = period.kind === "1D" ? [...POWER_KEYS, ...ENERGY_KEYS] : POWER_KEYS;
  const fiveUrl = period.kind === "30D" ? null : historyUrl(systemId, fiveKeys, startMs, endMs, "5m");
  const dailyUrl = period.kind === "1D" ? null : historyUrl(systemId, ENERGY_KEYS, startMs, endMs, "daily");
  const five = usePolledJson<HistoryResponse>(fiveUrl, interval);
  const daily = usePolledJson<HistoryResponse>(dailyUrl, interval);

  const power = useMemo(
    () => (five.data ? buildPowerChartData(five.data, startMs, endMs) : null),
    [five.data, startMs, endMs],
  );
  const energyDays = useMemo(() => {
    if ((fiveUrl && !five.data) || (dailyUrl && !daily.data)) return null;
    return buildDayEnergy({ days: periodDays(period, zone), today, daily: daily.data, fiveMinute: five.data });
  }, [five.data, daily.data, fiveUrl, dailyUrl, period, zone, today]);

  const fiveReq = fiveUrl ? five : null;
  const dailyReq = dailyUrl ? daily : null;
  const noEnergy = !energyDays || energyDays.every((d) => Object.values(d.totals).every((v) => v === null));
  return {
    startMs,
    endMs,
    fiveMinute: fiveReq,
    daily: dailyReq,
    power,
    energyDays,
    powerState: fiveReq ? stateOf([fiveReq], !power || power.present.length === 0) : "empty",
    energyState: stateOf([fiveReq, dailyReq], noEnergy),
    energyError: (dailyReq && !dailyReq.data && dailyReq.error) || (fiveReq && !fiveReq.data && fiveReq.error) || null,
    retryEnergy: () => {
      fiveReq?.refresh();
      dailyReq?.refresh();
    },
  };
}
