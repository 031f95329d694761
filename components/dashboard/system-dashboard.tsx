import { PowerChartPanel } from "@/components/charts/power-chart-panel";
import type { SystemSummary } from "@/lib/api/contracts";
import { isValidTimezone } from "@/lib/time/zones";
import { LiveCards } from "./live-cards";
import { SystemSelector, type SelectorSystem } from "./system-selector";

const VENDOR_LABELS: Record<string, string> = {
  selectronic: "Selectronic",
  enphase: "Enphase",
  fronius: "Fronius",
  amber: "Amber Electric",
  mondo: "Mondo Power",
  solaredge: "SolarEdge",
  composite: "Composite",
};

/** One system's dashboard: name and selector, live cards, and today's power chart. */
export function SystemDashboard({
  current,
  systems,
  serverNowMs,
}: {
  current: SystemSummary;
  systems: SelectorSystem[];
  serverNowMs: number;
}) {
  // An admin may open a system that is not in their list (e.g. removed); keep it selectable as "current".
  const options = systems.some((s) => s.id === current.id)
    ? systems
    : [{ ...current, href: `/dashboard/${current.id}` }, ...systems];
  // A bad stored zone must not break the page: fall back to UTC for the cards' and chart's clocks.
  const zone = isValidTimezone(current.displayTimezone) ? current.displayTimezone : "UTC";
  return (
    <main className="container space-y-8 py-6 sm:py-8" data-system-id={current.id}>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-bold tracking-tight sm:text-3xl">{current.displayName}</h1>
          <p className="text-sm text-muted-foreground">
            {VENDOR_LABELS[current.vendorType] ?? current.vendorType} · {current.displayTimezone}
            {current.status !== "active" && (
              <span className="font-medium"> · {current.status === "disabled" ? "polling paused" : "removed"}</span>
            )}
          </p>
        </div>
        <SystemSelector systems={options} currentId={current.id} serverNowMs={serverNowMs} />
      </div>
      <LiveCards systemId={current.id} timezone={zone} />
      <PowerChartPanel systemId={current.id} timezone={zone} />
    </main>
  );
}
