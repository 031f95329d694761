"use client";

import { useMemo } from "react";
import { DailyEnergyChart } from "@/components/charts/lazy-charts";
import { BARS, energyBarsCsv } from "@/components/charts/daily-energy-data";
import type { EnergyAccountsResponse } from "@/lib/accounts/types";
import { barTotals, hourBarRows, periodBarRows, presentFlows, type BarRow } from "@/lib/dashboard/accounts-view";
import { periodUnit, type Period } from "@/lib/dashboard/period";
import { ChartFrame, type ChartState } from "./chart-frame";
import { CsvButton } from "./csv-button";

const TITLES = { hour: "Energy per hour", day: "Energy per day", month: "Energy per month", year: "Energy per year" };

/** The bars' unit: hours of a day (from its 5-minute accounts), else the period's rows. */
export function barUnit(period: Period): "hour" | "day" | "month" | "year" {
  return period.kind === "1D" ? "hour" : periodUnit(period);
}

/** The bar rows of an accounts response: hourly from its intervals for one day, else one per row. */
export function barRowsOf(accounts: EnergyAccountsResponse, period: Period, zone: string): BarRow[] {
  if (period.kind === "1D") return hourBarRows(accounts.intervals ?? [], zone, period.live, accounts.total.flows);
  return periodBarRows(accounts.rows, zone);
}

/** The numbers behind the bars, for screen readers and tests: one row per span, a total per flow (data-wh). */
function BarsData({ rows }: { rows: BarRow[] }) {
  const totals = barTotals(rows);
  // The wrapper is what hides it: a table ignores the 1px width of .sr-only and would widen a phone's page.
  return (
    <div className="sr-only">
      <table data-testid="energy-bars-data">
        <caption>Energy per span, kWh</caption>
        <thead>
          <tr>
            <th scope="col">Span</th>
            {BARS.map((b) => (
              <th key={b.flow} scope="col">
                {b.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.title}</th>
              {BARS.map((b) => (
                <td key={b.flow}>{r[b.flow] === null ? "—" : r[b.flow]!.toFixed(2)}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            {BARS.map((b) => (
              <td key={b.flow} data-testid={`bars-total-${b.flow}`} data-wh={totals[b.flow] ?? ""}>
                {totals[b.flow] === null ? "—" : (totals[b.flow]! / 1000).toFixed(2)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Energy bars of the period from the accounts: hours (1D), days (7D, 30D, month), months (year), years (all). */
export function EnergyBars({
  accounts,
  state,
  error,
  onRetry,
  period,
  zone,
  slug,
}: {
  accounts: EnergyAccountsResponse | null;
  state: ChartState;
  error: string | null;
  onRetry: () => void;
  period: Period;
  zone: string;
  slug: string;
}) {
  const unit = barUnit(period);
  const rows = useMemo(() => (accounts ? barRowsOf(accounts, period, zone) : []), [accounts, period, zone]);
  const flows = useMemo(() => presentFlows(rows), [rows]);
  const running = rows.some((r) => r.inProgress);
  const gaps = rows.some((r) => r.interpolated.length > 0);
  return (
    <ChartFrame
      id="daily-energy"
      title={TITLES[unit]}
      subtitle={
        <span data-testid="energy-bars-legend">
          Left bar: where energy came from · right bar: where it went
          {running && ` · the ${unit} still running (faded) is so far`}
          {gaps && " · hatched: energy spread across a gap in the data"}
        </span>
      }
      testId="energy-bars"
      state={state === "ready" && flows.length === 0 ? "empty" : state}
      error={error}
      onRetry={onRetry}
      emptyTitle="No energy data for this period"
      empty="Totals come from the system's energy counters or its power readings. They appear after the first polls."
      actions={
        <CsvButton
          testId="csv-daily-energy"
          filename={`${slug}_energy-per-${unit}.csv`}
          disabled={!rows.length}
          build={() => energyBarsCsv(rows, unit)}
        />
      }
    >
      <div className="h-72 w-full sm:h-80">
        <DailyEnergyChart rows={rows} flows={flows} />
      </div>
      <BarsData rows={rows} />
    </ChartFrame>
  );
}
