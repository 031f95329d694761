"use client";

import dynamic from "next/dynamic";
import { useMemo } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import type { CostsResponse } from "@/lib/costs/types";
import { costsUrl, moneyBarRows, type MoneyBarRow } from "@/lib/dashboard/money-view";
import { periodUnit, type Period } from "@/lib/dashboard/period";
import { formatMoney } from "@/lib/tariffs/money";
import { ChartFrame } from "./chart-frame";
import { HISTORY_REFRESH_MS } from "./use-period-data";
import { usePolledJson } from "./use-polled-json";

const MoneyBarsChart = dynamic(() => import("./money-bars-chart").then((m) => m.MoneyBarsChart), {
  ssr: false,
  loading: () => <Skeleton className="h-full w-full" />,
});

const TITLES = { day: "Cost per day", month: "Cost per month", year: "Cost per year" };

/** The numbers behind the bars, for screen readers and tests (data-cents, unrounded). */
function MoneyData({ rows, currency }: { rows: MoneyBarRow[]; currency: string }) {
  return (
    <div className="sr-only">
      <table data-testid="money-bars-data">
        <caption>Money per span</caption>
        <thead>
          <tr>
            <th scope="col">Span</th>
            <th scope="col">Paid</th>
            <th scope="col">Earned</th>
            <th scope="col">Net</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.title}</th>
              <td>{formatMoney(r.paidCents, currency)}</td>
              <td>{formatMoney(r.earnedCents, currency)}</td>
              <td data-testid={`money-bars-net-${r.key}`} data-cents={r.netCents ?? ""}>
                {formatMoney(r.netCents, currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Cost bars beside the energy bars (month and year views): paid and earned per day or month, from the server. */
export function MoneyBars({ systemId, period }: { systemId: number; period: Period }) {
  const { data, error, loading, refresh } = usePolledJson<CostsResponse>(
    costsUrl(systemId, period),
    period.live ? HISTORY_REFRESH_MS : 0,
  );
  const rows = useMemo(() => (data ? moneyBarRows(data) : []), [data]);
  const known = rows.some((r) => r.paidCents !== null || r.earnedCents !== null);
  const state = data ? (known ? "ready" : "empty") : loading ? "loading" : "error";
  return (
    <ChartFrame
      id="money-bars"
      title={TITLES[periodUnit(period)]}
      subtitle="Paid (usage, supply, demand) and earned (feed-in) · priced from the same intervals as the energy bars"
      testId="money-bars"
      state={state}
      error={error}
      onRetry={refresh}
      emptyTitle="No costs for this period"
      empty={data?.warnings[0] ?? "Add a tariff plan in the system's settings to see what energy cost."}
    >
      <div className="h-64 w-full">
        <MoneyBarsChart rows={rows} />
      </div>
      <MoneyData rows={rows} currency={data?.currency ?? "AUD"} />
    </ChartFrame>
  );
}
