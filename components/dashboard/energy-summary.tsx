"use client";

import { useMemo } from "react";
import { EnergyFlowChart } from "@/components/charts/lazy-charts";
import type { EnergyAccountsResponse } from "@/lib/accounts/types";
import { sankeyGraph, tableLines } from "@/lib/dashboard/accounts-view";
import type { Period } from "@/lib/dashboard/period";
import { ChartFrame, type ChartState } from "./chart-frame";
import { EnergyTable } from "./energy-table";
import type { CostTotals } from "./use-cost";

function scopeOf(period: Period): string {
  if (period.kind === "1D") return period.live ? "today so far" : "that day";
  if (period.kind === "ALL") return "since the first reading";
  return period.live ? "this period, today so far" : "this period";
}

/** The unknown flows' reasons, one line each ("Bought from grid: this system reports no grid meter"). */
function unknownReasons(accounts: EnergyAccountsResponse): string[] {
  return tableLines(accounts.total, accounts)
    .filter((l) => l.wh === null)
    .map((l) => `${l.label}: ${l.reason}`);
}

/**
 * The period's energy from the server's accounts: a table of kWh per flow with self-consumption / self-sufficiency,
 * and the flow diagram of the same total's attribution (computed per 5-minute interval on the server).
 */
export function EnergySummary({
  accounts,
  state,
  error,
  onRetry,
  period,
  cost,
}: {
  accounts: EnergyAccountsResponse | null;
  state: ChartState;
  error: string | null;
  onRetry: () => void;
  period: Period;
  cost: CostTotals | null;
}) {
  const graph = useMemo(
    () => (accounts ? sankeyGraph(accounts.total.attribution, accounts.total.unaccounted) : null),
    [accounts],
  );
  const reasons = accounts ? unknownReasons(accounts) : [];
  const flowState: ChartState = state === "ready" && graph && graph.links.length === 0 ? "empty" : state;
  const empty = "Energy totals come from the system's energy counters or, failing that, its power readings.";
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <ChartFrame
        id="energy-table"
        title="Energy"
        subtitle={`kWh ${scopeOf(period)}`}
        testId="energy-table"
        state={state}
        error={error}
        onRetry={onRetry}
        heightClass="h-64"
        emptyTitle="No energy data for this period"
        empty={empty}
      >
        {accounts && <EnergyTable total={accounts.total} capabilities={accounts.capabilities} cost={cost} />}
      </ChartFrame>
      <ChartFrame
        id="energy-flow"
        title="Where the energy went"
        subtitle="Solar, grid and battery to the home, battery and grid (worked out every 5 minutes)"
        testId="energy-flow"
        state={flowState}
        error={error}
        onRetry={onRetry}
        heightClass="h-64"
        emptyTitle={graph?.unknown.length ? "Where the energy went is not known" : "No energy flowed in this period"}
        empty={
          graph?.unknown.length ? (
            <span data-testid="energy-flow-unknown">
              {reasons.length ? reasons.join(" · ") : "Some flows of this system are not reported."}
            </span>
          ) : (
            empty
          )
        }
      >
        <div className="h-64 w-full sm:h-72">{graph && <EnergyFlowChart graph={graph} />}</div>
        {graph && graph.unknown.length > 0 && (
          <p className="px-2 pt-2 text-xs text-muted-foreground" data-testid="energy-flow-unknown">
            Not shown, because a flow is unknown: {reasons.join(" · ")}
          </p>
        )}
      </ChartFrame>
    </div>
  );
}
