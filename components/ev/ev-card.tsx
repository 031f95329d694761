"use client";

import Link from "next/link";
import { BatteryCharging, PlugZap } from "lucide-react";
import { usePolledJson } from "@/components/dashboard/use-polled-json";
import { Card } from "@/components/ui/card";
import type { LatestPoint } from "@/lib/api/contracts";
import type { ChargingSessionsResponse } from "@/lib/ev/types";
import { formatEnergy, formatPercent, formatPower } from "./format";

/** Whether the latest points include an EV charger load (`load.ev…`) or vehicle points. */
export function hasEvPoints(points: readonly Pick<LatestPoint, "path">[]): boolean {
  return points.some((p) => p.path?.startsWith("load.ev") || p.path?.startsWith("vehicle."));
}

const REFRESH_MS = 60_000;

/**
 * The EV card: charging now (power and the live solar share of the newest 5-minute interval), the vehicle's
 * battery and state when reported, and today's charged energy; shown only when the system has an EV load point
 * (for a composite: when the API finds one among its sources).
 */
export function EvCard({
  systemId,
  points,
  today,
  sessionsHref,
  ask = false,
}: {
  systemId: number;
  points: readonly Pick<LatestPoint, "path">[];
  today: string;
  /** The sessions page; null hides the link (a share link's page has no other pages). */
  sessionsHref: string | null;
  /** Ask the API even without EV points of its own (a composite's EV is a source's); shown once it says hasEv. */
  ask?: boolean;
}) {
  const own = hasEvPoints(points);
  const url = own || ask ? `/api/systems/${systemId}/charging-sessions?from=${today}&to=${today}` : null;
  const { data, error } = usePolledJson<ChargingSessionsResponse>(url, REFRESH_MS);
  if (!url || (data && !data.hasEv) || (!own && !data)) return null;
  const status = data?.status ?? null;
  const todayWh = data
    ? data.sessions.reduce<number | null>((a, s) => (a === null || s.energyWh === null ? null : a + s.energyWh), 0)
    : null;
  const state = !data
    ? error
      ? "Could not load"
      : "Loading…"
    : status?.charging
      ? "Charging"
      : (status?.chargingState ?? "Not charging");
  return (
    <section aria-labelledby="ev-card-title">
      <Card className="flex flex-col gap-3 p-4" data-testid="ev-card">
        <div className="flex items-center justify-between gap-2">
          <h2 id="ev-card-title" className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
            <PlugZap aria-hidden="true" className="size-4" />
            Electric vehicle
          </h2>
          {sessionsHref && (
            <Link href={sessionsHref} className="text-sm underline underline-offset-4" data-testid="ev-sessions-link">
              Charging sessions
            </Link>
          )}
        </div>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4">
          <div>
            <dt className="text-xs text-muted-foreground">State</dt>
            <dd className="text-lg font-semibold" data-testid="ev-state">
              {state}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Charging power</dt>
            <dd className="text-lg font-semibold" data-testid="ev-power">
              {status?.charging ? formatPower(status.powerW) : "—"}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Solar share now</dt>
            <dd className="text-lg font-semibold" data-testid="ev-solar-now">
              {status?.charging && status.solarSharePct !== null ? formatPercent(status.solarSharePct) : "—"}
            </dd>
          </div>
          <div>
            <dt className="flex items-center gap-1 text-xs text-muted-foreground">
              <BatteryCharging aria-hidden="true" className="size-3" />
              Vehicle battery
            </dt>
            <dd className="text-lg font-semibold" data-testid="ev-battery">
              {status?.batteryPct != null ? formatPercent(status.batteryPct) : "—"}
            </dd>
          </div>
        </dl>
        <p className="text-sm text-muted-foreground" data-testid="ev-today">
          Charged today: {todayWh === null ? "—" : formatEnergy(todayWh)}
          {data && ` in ${data.sessions.length} session${data.sessions.length === 1 ? "" : "s"}`}
        </p>
      </Card>
    </section>
  );
}
