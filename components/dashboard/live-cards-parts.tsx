import { BatteryMedium, Home, Sun, UtilityPole } from "lucide-react";
import type { AccountFlow, AccountsCore } from "@/lib/accounts/types";
import { batteryDirection, formatEnergy, formatPercent, formatPower, gridDirection } from "@/lib/format";
import type { LiveValue, LiveValues } from "./live-values";
import { LiveCard, LiveNumber } from "./live-card";

export interface CardContext {
  nowMs: number;
  timezone: string;
  /** How often the system's data normally arrives (each card's freshness is judged against it). */
  cadenceMs?: number;
  /** Today's accounts so far: each card's energy line (the same numbers as the 1D energy table). */
  today?: AccountsCore | null;
}

/** "Today 12.3 kWh" lines of a card from today's accounts; "—" for a flow the system cannot know. */
function TodayEnergy({ ctx, parts }: { ctx: CardContext; parts: Array<[AccountFlow, string]> }) {
  if (!ctx.today) return null;
  const today = ctx.today;
  return (
    <p className="text-sm text-muted-foreground">
      Today{" "}
      {parts.map(([flow, word], i) => (
        <span key={flow}>
          {i > 0 && " · "}
          <span
            className="font-medium text-foreground tabular-nums"
            data-testid={`card-today-${flow}`}
            data-wh={today.flows[flow].wh ?? ""}
            title={today.flows[flow].wh === null ? today.flows[flow].reason : undefined}
          >
            {today.flows[flow].wh === null ? "—" : formatEnergy(today.flows[flow].wh)}
          </span>
          {word && ` ${word}`}
        </span>
      ))}
    </p>
  );
}

/** The measurement time of the oldest value a card shows (its age is that of its stalest number). */
export const oldest = (...values: Array<LiveValue | undefined>) =>
  Math.min(...values.filter((v): v is LiveValue => Boolean(v)).map((v) => v.measurementTimeMs));

/** Solar generation, with the local/remote split when the system reports both. */
export function SolarCard({ v, ctx }: { v: LiveValues; ctx: CardContext }) {
  if (!v.solar) return null;
  return (
    <LiveCard
      title={v.solar.label ?? "Solar"}
      icon={Sun}
      accent="text-solar"
      measuredAtMs={v.solar.measurementTimeMs}
      testId="card-solar"
      {...ctx}
    >
      <LiveNumber testId="live-solar" rawValue={v.solar.value}>
        {formatPower(v.solar.value)}
      </LiveNumber>
      {v.solarLocal && v.solarRemote && (
        <dl className="grid grid-cols-2 gap-2 text-sm">
          <div>
            <dt className="text-muted-foreground">Local</dt>
            <dd data-testid="live-solar-local" data-value={v.solarLocal.value} className="tabular-nums">
              {formatPower(v.solarLocal.value)}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Remote</dt>
            <dd data-testid="live-solar-remote" data-value={v.solarRemote.value} className="tabular-nums">
              {formatPower(v.solarRemote.value)}
            </dd>
          </div>
        </dl>
      )}
      <TodayEnergy ctx={ctx} parts={[["solar", "generated"]]} />
    </LiveCard>
  );
}

/** Household consumption, with measured sub-loads and the rest of the house when the system reports them. */
export function LoadCard({ v, ctx }: { v: LiveValues; ctx: CardContext }) {
  if (!v.load) return null;
  const children = v.childLoads ?? [];
  return (
    <LiveCard
      title={v.load.label ?? "Load"}
      icon={Home}
      accent="text-load"
      measuredAtMs={oldest(v.load, ...children)}
      testId="card-load"
      {...ctx}
    >
      <LiveNumber testId="live-load" rawValue={v.load.value}>
        {formatPower(v.load.value)}
      </LiveNumber>
      {v.load.derived && (
        <p className="text-sm text-muted-foreground" data-testid="live-load-derived">
          worked out from solar, battery and grid (no load meter)
        </p>
      )}
      {children.length === 0 ? (
        !v.load.derived && <p className="text-sm text-muted-foreground">used by the home</p>
      ) : (
        <dl className="space-y-1 text-sm" data-testid="live-child-loads">
          {children.map((c) => (
            <div key={c.key} className="flex items-baseline justify-between gap-2">
              <dt className="truncate text-muted-foreground">{c.label}</dt>
              <dd data-testid={`live-load-${c.key}`} data-value={c.value} className="tabular-nums">
                {formatPower(c.value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <TodayEnergy ctx={ctx} parts={[["load", "used"]]} />
    </LiveCard>
  );
}

/** Battery power as magnitude plus direction (+ = discharging), and state of charge with a bar. */
export function BatteryCard({ v, ctx }: { v: LiveValues; ctx: CardContext }) {
  if (!v.battery && !v.batterySoc) return null;
  const soc = v.batterySoc ? Math.min(100, Math.max(0, v.batterySoc.value)) : null;
  return (
    <LiveCard
      title={v.battery?.label ?? "Battery"}
      icon={BatteryMedium}
      accent="text-battery"
      measuredAtMs={oldest(v.battery, v.batterySoc)}
      testId="card-battery"
      {...ctx}
    >
      {v.battery && (
        <LiveNumber testId="live-battery" rawValue={v.battery.value}>
          {formatPower(Math.abs(v.battery.value))}{" "}
          <span data-testid="live-battery-direction" className="text-base font-normal text-muted-foreground">
            {batteryDirection(v.battery.value)}
          </span>
        </LiveNumber>
      )}
      {v.batterySoc && soc !== null && (
        <div className="space-y-1">
          <p className="flex items-baseline justify-between text-sm">
            <span className="text-muted-foreground">State of charge</span>
            <span data-testid="live-battery-soc" data-value={v.batterySoc.value} className="font-semibold tabular-nums">
              {formatPercent(v.batterySoc.value)}
            </span>
          </p>
          <div
            role="meter"
            aria-label="Battery state of charge"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(soc)}
            className="h-2 overflow-hidden rounded-full bg-muted"
          >
            <div className="h-full rounded-full bg-battery transition-[width]" style={{ width: `${soc}%` }} />
          </div>
        </div>
      )}
      <TodayEnergy
        ctx={ctx}
        parts={[
          ["batteryCharge", "in"],
          ["batteryDischarge", "out"],
        ]}
      />
    </LiveCard>
  );
}

/** Grid power as magnitude plus direction (+ = import). */
export function GridCard({ v, ctx }: { v: LiveValues; ctx: CardContext }) {
  if (!v.grid) return null;
  return (
    <LiveCard
      title={v.grid.label ?? "Grid"}
      icon={UtilityPole}
      accent="text-grid"
      measuredAtMs={v.grid.measurementTimeMs}
      testId="card-grid"
      {...ctx}
    >
      <LiveNumber testId="live-grid" rawValue={v.grid.value}>
        {formatPower(Math.abs(v.grid.value))}{" "}
        <span data-testid="live-grid-direction" className="text-base font-normal text-muted-foreground">
          {gridDirection(v.grid.value)}
        </span>
      </LiveNumber>
      <TodayEnergy
        ctx={ctx}
        parts={[
          ["gridImport", "bought"],
          ["gridExport", "sent"],
        ]}
      />
    </LiveCard>
  );
}
