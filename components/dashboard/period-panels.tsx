"use client";

import { PowerChart } from "@/components/charts/lazy-charts";
import { powerCsv } from "@/components/charts/power-chart-data";
import type { EnergyAccountsResponse } from "@/lib/accounts/types";
import type { Period } from "@/lib/dashboard/period";
import { fileSlug } from "@/lib/format";
import { ChartFrame } from "./chart-frame";
import { CompositeNotes } from "./composite-notes";
import { CsvButton } from "./csv-button";
import { EnergyBars } from "./energy-bars";
import { EnergySummary } from "./energy-summary";
import { MoneyBars } from "./money-bars";
import type { CostTotals } from "./use-cost";
import { noEnergy, showsPower, stateOf, usePowerData } from "./use-period-data";
import type { PolledJson } from "./use-polled-json";

const when = (p: Period) => (p.kind === "1D" ? p.endDay : p.kind === "ALL" ? "all-time" : `${p.startDay}_${p.endDay}`);

/**
 * The period's panels: power over time (1D, 7D, for systems that report power), then energy bars, the energy table
 * and the flow diagram, all three from one accounts response of the server, so their totals are the same.
 */
export function PeriodPanels({
  systemId,
  systemName,
  period,
  zone,
  maxDataGapMs,
  hasPower,
  accounts,
  cost,
}: {
  systemId: number;
  systemName: string;
  period: Period;
  zone: string;
  /** The longest normal spacing of the system's data points (the power chart bridges gaps up to it). */
  maxDataGapMs?: number;
  /** The system reports power (a tariff-only retailer system has energy, prices and cost only). */
  hasPower: boolean;
  accounts: PolledJson<EnergyAccountsResponse>;
  cost: CostTotals | null;
}) {
  const d = usePowerData(systemId, period, zone, hasPower, maxDataGapMs);
  const slug = `${fileSlug(systemName)}_${when(period)}`;
  const energyState = stateOf(accounts, noEnergy(accounts.data));
  const energyError = accounts.data ? null : accounts.error;
  const energy = {
    accounts: accounts.data,
    state: energyState,
    error: accounts.data && accounts.error ? accounts.error : energyError,
    onRetry: accounts.refresh,
    period,
  };

  return (
    <div className="space-y-8">
      {showsPower(period, hasPower) && (
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
      {accounts.data?.composite && <CompositeNotes info={accounts.data.composite} />}
      <EnergyBars {...energy} zone={zone} slug={slug} />
      {(period.kind === "M" || period.kind === "Y") && <MoneyBars systemId={systemId} period={period} />}
      <EnergySummary {...energy} cost={cost} />
    </div>
  );
}
