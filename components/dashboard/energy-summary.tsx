"use client";

import { useMemo } from "react";
import { EnergyFlowChart } from "@/components/charts/lazy-charts";
import type { Period } from "@/lib/dashboard/period";
import { periodFlows, sankeyGraph, sumDays, type DayEnergy } from "@/lib/energy";
import { ChartFrame, type ChartState } from "./chart-frame";
import { EnergyTable } from "./energy-table";

/** The period's energy: a table of kWh per flow with self-consumption / self-sufficiency, and the flow diagram. */
export function EnergySummary({
  days,
  state,
  error,
  onRetry,
  period,
}: {
  days: DayEnergy[] | null;
  state: ChartState;
  error: string | null;
  onRetry: () => void;
  period: Period;
}) {
  const summary = useMemo(() => (days ? sumDays(days) : null), [days]);
  const links = useMemo(() => (days ? periodFlows(days) : null), [days]);
  const graph = useMemo(() => (links ? sankeyGraph(links) : null), [links]);
  const scope =
    period.kind === "1D"
      ? period.live
        ? "today so far"
        : "that day"
      : period.live
        ? "these days, today so far"
        : "these days";
  const empty = "Energy totals come from the system's energy counters or, failing that, its power readings.";
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <ChartFrame
        id="energy-table"
        title="Energy"
        subtitle={`kWh ${scope}`}
        testId="energy-table"
        state={state}
        error={error}
        onRetry={onRetry}
        heightClass="h-64"
        emptyTitle="No energy data for this period"
        empty={empty}
      >
        {summary && links && <EnergyTable summary={summary} links={links} />}
      </ChartFrame>
      <ChartFrame
        id="energy-flow"
        title="Where the energy went"
        subtitle="Solar, grid and battery to the home, battery and grid (allocated day by day)"
        testId="energy-flow"
        state={state === "ready" && graph && graph.links.length === 0 ? "empty" : state}
        error={error}
        onRetry={onRetry}
        heightClass="h-64"
        emptyTitle="No energy flowed in this period"
        empty={empty}
      >
        <div className="h-64 w-full sm:h-72">{graph && <EnergyFlowChart graph={graph} />}</div>
      </ChartFrame>
    </div>
  );
}
