"use client";

import dynamic from "next/dynamic";
import { useMemo } from "react";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyPanel, ErrorPanel } from "@/components/dashboard/state-panels";
import { useNow } from "@/components/dashboard/use-now";
import { usePolledJson } from "@/components/dashboard/use-polled-json";
import type { HistoryResponse } from "@/lib/api/contracts";
import { localDayRange } from "@/lib/format";
import { DateTime } from "luxon";
import { buildPowerChartData, POWER_SERIES } from "./power-chart-data";

// Recharts is the heaviest part of the page: load it after first paint so it stays out of first-load JS.
const PowerChart = dynamic(() => import("./power-chart").then((m) => m.PowerChart), {
  ssr: false,
  loading: () => <Skeleton className="h-full w-full" />,
});

const HISTORY_REFRESH_MS = 5 * 60_000;
const POINT_KEYS = Object.values(POWER_SERIES).join(",");

/** Today's power curve (local day in the system's zone) from 5-minute aggregates, refreshed every 5 minutes. */
export function PowerChartPanel({ systemId, timezone }: { systemId: number; timezone: string }) {
  const url = `/api/data/historical?systemIds=${systemId}&pointKeys=${encodeURIComponent(POINT_KEYS)}&range=24H&aggregation=5m`;
  const { data, error, loading, refresh } = usePolledJson<HistoryResponse>(url, HISTORY_REFRESH_MS);
  const nowMs = useNow(60_000);
  const { startMs, endMs } = localDayRange(nowMs, timezone);
  const chart = useMemo(() => (data ? buildPowerChartData(data, startMs, endMs) : null), [data, startMs, endMs]);
  const state = !data ? (loading ? "loading" : "error") : chart!.present.length === 0 ? "empty" : "ready";

  return (
    <section aria-labelledby="chart-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="chart-heading" className="text-lg font-semibold">
          Power today
        </h2>
        <p className="text-sm text-muted-foreground">
          {DateTime.fromMillis(startMs, { zone: timezone }).toFormat("cccc d LLLL")} · {timezone}
        </p>
      </div>
      {data && error && <ErrorPanel title="Refresh failed, showing the last chart" message={error} onRetry={refresh} />}
      <Card data-testid="power-chart" data-state={state} className="p-2 sm:p-4">
        {state === "error" && (
          <ErrorPanel
            className="border-0 shadow-none"
            title="Could not load today's power"
            message={error ?? "Unknown error"}
            onRetry={refresh}
          />
        )}
        {state === "empty" && (
          <EmptyPanel className="border-0 shadow-none" title="No readings today yet">
            The chart fills in as five-minute averages arrive after each poll.
          </EmptyPanel>
        )}
        {(state === "loading" || state === "ready") && (
          <div className="h-72 w-full sm:h-80" aria-busy={state === "loading"}>
            {state === "loading" ? (
              <Skeleton className="h-full w-full" />
            ) : (
              <PowerChart
                rows={chart!.rows}
                present={chart!.present}
                startMs={startMs}
                endMs={endMs}
                timezone={timezone}
              />
            )}
          </div>
        )}
      </Card>
    </section>
  );
}
