"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { EnergyAccountsResponse } from "@/lib/accounts/types";
import type { LatestResponse } from "@/lib/api/contracts";
import { energyUrl } from "@/lib/dashboard/history-url";
import { periodOf, type Period } from "@/lib/dashboard/period";
import { localDayOf } from "@/lib/format";
import { HeatmapPanel } from "./heatmap-panel";
import { LATEST_REFRESH_MS, LiveCards } from "./live-cards";
import { MoneyCard } from "./money-card";
import { PeriodPanels } from "./period-panels";
import { PeriodSwitcher } from "./period-switcher";
import { PointsGrid } from "./points-grid";
import { PriceCard } from "./price-card";
import { RefreshButton } from "./refresh-button";
import { costPaths, useCost } from "./use-cost";
import { HISTORY_REFRESH_MS } from "./use-period-data";
import { useNow } from "./use-now";
import { usePolledJson } from "./use-polled-json";
import { EvCard } from "@/components/ev/ev-card";

/**
 * The client part of a system's dashboard: one latest-values poll feeds the live cards, price card, heatmap
 * picker and points grid; one accounts request (GET /api/systems/{id}/energy) feeds the period's energy bars,
 * table and flow diagram, and today's accounts the cards' energy; the period switcher and charts follow the URL.
 */
export function DashboardBody({
  systemId,
  systemName,
  basePath,
  period,
  today,
  zone,
  dataIntervalMs,
  maxDataGapMs,
  refreshDisabledReason,
  shared = false,
  computed = false,
}: {
  systemId: number;
  /** Why this person cannot use Refresh now (viewers); undefined when they can. */
  refreshDisabledReason?: string;
  systemName: string;
  /** How often the vendor delivers new data: freshness marks are judged against it. */
  dataIntervalMs?: number;
  /** The longest normal spacing of its data points: the power chart joins points up to this far apart. */
  maxDataGapMs?: number;
  basePath: string;
  period: Period;
  today: string;
  zone: string;
  /** A share link's page: no links to pages the link does not open. */
  shared?: boolean;
  /** A composite: its EV (a source's charger or car) is not among its own points, so the EV card asks anyway. */
  computed?: boolean;
}) {
  const latest = usePolledJson<LatestResponse>(`/api/data/latest?systemId=${systemId}`, LATEST_REFRESH_MS);
  const nowMs = useNow(15_000);
  const router = useRouter();
  const points = latest.data?.points ?? [];
  // Until the first poll answers, assume power (most systems); a tariff-only system then drops the power chart.
  const hasPower = !latest.data || points.some((p) => p.path?.endsWith("/power"));
  const accounts = usePolledJson<EnergyAccountsResponse>(
    energyUrl(systemId, period),
    period.live ? HISTORY_REFRESH_MS : 0,
  );
  const todayIsPeriod = period.kind === "1D" && period.live;
  const todayAccounts = usePolledJson<EnergyAccountsResponse>(
    todayIsPeriod ? null : energyUrl(systemId, periodOf("1D", today, today), { intervals: false }),
    HISTORY_REFRESH_MS,
  );
  const todayTotal = (todayIsPeriod ? accounts : todayAccounts).data?.total ?? null;
  const paths = costPaths(points);
  const cost = useCost(systemId, period, zone, paths);
  // A live page left open past midnight moves on to the new day.
  const rolledOver = period.live && localDayOf(nowMs, zone) > today;
  useEffect(() => {
    if (rolledOver) router.refresh();
  }, [rolledOver, router]);

  const pointsState = !latest.data ? (latest.loading ? "loading" : "error") : points.length ? "ready" : "empty";
  return (
    <>
      <LiveCards
        latest={latest}
        nowMs={nowMs}
        timezone={zone}
        cadenceMs={dataIntervalMs}
        today={todayTotal}
        actions={
          shared ? undefined : (
            <RefreshButton systemId={systemId} disabledReason={refreshDisabledReason} onRefreshed={latest.refresh} />
          )
        }
      />
      <EvCard
        systemId={systemId}
        points={points}
        today={today}
        sessionsHref={shared ? null : `/dashboard/${systemId}/ev`}
        ask={computed}
      />
      <MoneyCard systemId={systemId} today={today} />
      <section aria-label="History" className="space-y-6">
        <PeriodSwitcher basePath={basePath} period={period} today={today} zone={zone} />
        <PeriodPanels
          systemId={systemId}
          systemName={systemName}
          period={period}
          zone={zone}
          maxDataGapMs={maxDataGapMs}
          hasPower={hasPower}
          accounts={accounts}
          cost={cost}
        />
      </section>
      <PriceCard systemId={systemId} systemName={systemName} points={points} zone={zone} />
      <HeatmapPanel systemId={systemId} systemName={systemName} points={points} period={period} zone={zone} />
      <PointsGrid
        points={points}
        state={pointsState}
        error={latest.error}
        onRetry={latest.refresh}
        nowMs={nowMs}
        zone={zone}
      />
    </>
  );
}
