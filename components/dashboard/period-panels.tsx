"use client";

import { useMemo } from "react";
import { DailyEnergyChart, PowerChart } from "@/components/charts/lazy-charts";
import { dailyBarRows, dailyEnergyCsv, presentFlows } from "@/components/charts/daily-energy-data";
import { powerCsv } from "@/components/charts/power-chart-data";
import type { Period } from "@/lib/dashboard/period";
import { fileSlug } from "@/lib/format";
import { ChartFrame } from "./chart-frame";
import { CsvButton } from "./csv-button";
import { EnergySummary } from "./energy-summary";
import { usePeriodData } from "./use-period-data";

const when = (p: Period) => (p.kind === "1D" ? p.endDay : `${p.startDay}_${p.endDay}`);

/** The period's charts: power over time (1D, 7D), daily energy bars (7D, 30D), energy table and flow diagram. */
export function PeriodPanels({
  systemId,
  systemName,
  period,
  today,
  zone,
  maxDataGapMs,
}: {
  systemId: number;
  systemName: string;
  period: Period;
  today: string;
  zone: string;
  /** The longest normal spacing of the system's data points (the power chart bridges gaps up to it). */
  maxDataGapMs?: number;
}) {
  const d = usePeriodData(systemId, period, zone, today, maxDataGapMs);
  const slug = `${fileSlug(systemName)}_${when(period)}`;
  const bars = useMemo(() => (d.energyDays ? dailyBarRows(d.energyDays) : []), [d.energyDays]);
  const flows = useMemo(() => (d.energyDays ? presentFlows(d.energyDays) : []), [d.energyDays]);
  const partialToday = d.energyDays?.some((day) => day.partial);

  return (
    <div className="space-y-8">
      {(period.kind === "1D" || period.kind === "7D") && (
        <ChartFrame
          id="power"
          title="Power"
          subtitle={`${d.powerLevel === "30m" ? "30-minute" : "5-minute"} averages · above the line: where power came from; below: where it went`}
          testId="power-chart"
          state={d.powerState}
          error={d.intervals?.error}
          onRetry={d.intervals?.refresh}
          emptyTitle={period.live ? "No readings yet today" : "No readings in this period"}
          empty={
            period.live
              ? "The chart fills in as readings arrive after each poll."
              : "The system reported nothing in this period. Try a later period or go back to live."
          }
          actions={
            <CsvButton
              testId="csv-power"
              filename={`${slug}_power.csv`}
              disabled={!d.power?.present.length}
              build={() => powerCsv(d.power!, zone)}
            />
          }
        >
          <div className="h-72 w-full sm:h-80">
            {d.power && (
              <PowerChart
                rows={d.power.rows}
                present={d.power.present}
                startMs={d.startMs}
                endMs={d.endMs}
                timezone={zone}
              />
            )}
          </div>
        </ChartFrame>
      )}
      {period.kind !== "1D" && (
        <ChartFrame
          id="daily-energy"
          title="Energy per day"
          subtitle={
            <span
              title={
                partialToday
                  ? "Today's bars are added up from 5-minute data so far; the stored daily total is written after midnight."
                  : undefined
              }
            >
              Left bar: where energy came from · right bar: where it went
              {partialToday && " · today (faded) is so far"}
            </span>
          }
          testId="energy-bars"
          state={d.energyState}
          error={d.energyError}
          onRetry={d.retryEnergy}
          emptyTitle="No energy data for these days"
          empty="Daily totals come from the system's energy counters. They appear after the first polls of a day."
          actions={
            <CsvButton
              testId="csv-daily-energy"
              filename={`${slug}_daily-energy.csv`}
              disabled={!d.energyDays}
              build={() => dailyEnergyCsv(d.energyDays!)}
            />
          }
        >
          <div className="h-72 w-full sm:h-80">
            <DailyEnergyChart rows={bars} flows={flows} timezone={zone} />
          </div>
        </ChartFrame>
      )}
      <EnergySummary
        days={d.energyDays}
        state={d.energyState}
        error={d.energyError}
        onRetry={d.retryEnergy}
        period={period}
      />
    </div>
  );
}
