"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { LatestResponse } from "@/lib/api/contracts";
import type { Period } from "@/lib/dashboard/period";
import { localDayOf } from "@/lib/format";
import { HeatmapPanel } from "./heatmap-panel";
import { LATEST_REFRESH_MS, LiveCards } from "./live-cards";
import { PeriodPanels } from "./period-panels";
import { PeriodSwitcher } from "./period-switcher";
import { PointsGrid } from "./points-grid";
import { PriceCard } from "./price-card";
import { useNow } from "./use-now";
import { usePolledJson } from "./use-polled-json";

/**
 * The client part of a system's dashboard: one latest-values poll feeds the live cards, price card, heatmap
 * picker and points grid; the period switcher and the period's charts follow the URL.
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
}: {
  systemId: number;
  systemName: string;
  /** How often the vendor delivers new data: freshness marks are judged against it. */
  dataIntervalMs?: number;
  /** The longest normal spacing of its data points: the power chart joins points up to this far apart. */
  maxDataGapMs?: number;
  basePath: string;
  period: Period;
  today: string;
  zone: string;
}) {
  const latest = usePolledJson<LatestResponse>(`/api/data/latest?systemId=${systemId}`, LATEST_REFRESH_MS);
  const nowMs = useNow(15_000);
  const router = useRouter();
  const points = latest.data?.points ?? [];
  // A live page left open past midnight moves on to the new day.
  const rolledOver = period.live && localDayOf(nowMs, zone) > today;
  useEffect(() => {
    if (rolledOver) router.refresh();
  }, [rolledOver, router]);

  const pointsState = !latest.data ? (latest.loading ? "loading" : "error") : points.length ? "ready" : "empty";
  return (
    <>
      <LiveCards latest={latest} nowMs={nowMs} timezone={zone} cadenceMs={dataIntervalMs} />
      <section aria-label="History" className="space-y-6">
        <PeriodSwitcher basePath={basePath} period={period} today={today} zone={zone} />
        <PeriodPanels
          systemId={systemId}
          systemName={systemName}
          period={period}
          today={today}
          zone={zone}
          maxDataGapMs={maxDataGapMs}
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
