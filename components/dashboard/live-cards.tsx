"use client";

import type { ReactNode } from "react";
import type { AccountsCore } from "@/lib/accounts/types";
import type { LatestResponse } from "@/lib/api/contracts";
import { FreshnessBadge } from "./freshness-badge";
import { BatteryCard, GridCard, LoadCard, oldest, SolarCard } from "./live-cards-parts";
import { EnergyOnlyCards } from "./live-energy-cards";
import { selectLiveValues, type LiveValues } from "./live-values";
import { EmptyPanel, ErrorPanel, LiveCardsSkeleton } from "./state-panels";
import type { PolledJson } from "./use-polled-json";

export const LATEST_REFRESH_MS = 30_000;

/**
 * The time the header badge judges: the oldest value any card shows (a composite's stale source must not sit under
 * a green badge), or the newest reading of any point when no card shows anything.
 */
export function liveTimeMs(v: LiveValues, lastUpdateMs: number | null): number | null {
  const shown = [v.solar, v.load, v.battery, v.batterySoc, v.grid, ...(v.childLoads ?? [])].filter((x) => x);
  return shown.length ? oldest(...shown) : lastUpdateMs;
}

/**
 * Live Solar / Load / Battery / Grid cards from the dashboard's latest-values poll (every 30 s while visible), each
 * with today's energy from the server's accounts.
 */
export function LiveCards({
  latest,
  nowMs,
  timezone,
  cadenceMs,
  today = null,
  actions,
}: {
  latest: PolledJson<LatestResponse>;
  nowMs: number;
  timezone: string;
  cadenceMs?: number;
  /** Today's accounts so far (the same server accounts as the energy panels): the cards' energy lines. */
  today?: AccountsCore | null;
  /** Controls shown next to the heading (the Refresh now button). */
  actions?: ReactNode;
}) {
  const { data, error, loading, refresh } = latest;
  const cadence = data?.dataIntervalMs ?? cadenceMs;
  const values = data ? selectLiveValues(data.points) : null;

  let body;
  if (!data && loading) body = <LiveCardsSkeleton />;
  else if (!data)
    body = <ErrorPanel title="Could not load live values" message={error ?? "Unknown error"} onRetry={refresh} />;
  else if (data.lastUpdateMs === null || data.points.length === 0) {
    body = (
      <EmptyPanel title="No data yet" testId="live-empty">
        Data appears after the first poll, usually within a minute of adding the system. This page refreshes by itself.
      </EmptyPanel>
    );
  } else {
    const v = values!;
    const ctx = { nowMs, timezone, cadenceMs: cadence, today };
    const cards = [
      <SolarCard key="solar" v={v} ctx={ctx} />,
      <LoadCard key="load" v={v} ctx={ctx} />,
      <BatteryCard key="battery" v={v} ctx={ctx} />,
      <GridCard key="grid" v={v} ctx={ctx} />,
    ];
    const energyOnly = Object.keys(v).length === 0 && today && Object.values(today.flows).some((f) => f.wh !== null);
    body = energyOnly ? (
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <EnergyOnlyCards today={today} measuredAtMs={data.lastUpdateMs} ctx={ctx} />
      </div>
    ) : Object.keys(v).length === 0 ? (
      <EmptyPanel title="Nothing to show here yet" testId="live-empty">
        This system reports data, but no solar, load, battery or grid power points yet.
      </EmptyPanel>
    ) : (
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">{cards}</div>
    );
  }

  return (
    <section aria-labelledby="live-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="live-heading" className="text-lg font-semibold">
          Right now
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          {data && values && (
            <FreshnessBadge
              data-testid="freshness"
              timeMs={liveTimeMs(values, data.lastUpdateMs)}
              nowMs={nowMs}
              cadenceMs={cadence}
            />
          )}
          {actions}
        </div>
      </div>
      {data && error && (
        <ErrorPanel title="Refresh failed, showing the last values" message={error} onRetry={refresh} />
      )}
      {body}
    </section>
  );
}
