import Link from "next/link";
import { Settings } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import type { SystemSummary } from "@/lib/api/contracts";
import { parsePeriod } from "@/lib/dashboard/period";
import { localDayOf } from "@/lib/format";
import { isComputedSystem } from "@/lib/systems/computed";
import { isValidTimezone } from "@/lib/time/zones";
import { DashboardBody } from "./dashboard-body";
import { ExportDialog } from "./export-dialog";
import { SystemSelector, type SelectorSystem } from "./system-selector";

export type DashboardSearchParams = Record<string, string | string[] | undefined>;

/** Viewers read; owners, admins of the system and platform admins may change its settings (SystemAccess.canWrite). */
function canWrite(s: SystemSummary): boolean {
  return s.role !== "viewer";
}

/** One system's dashboard: name, settings link and selector, live cards, and the period's charts. */
export function SystemDashboard({
  current,
  vendorName,
  systems,
  serverNowMs,
  basePath,
  searchParams,
}: {
  current: SystemSummary;
  /** The vendor's display name, as its adapter declares it (the page looks it up on the server). */
  vendorName: string;
  systems: SelectorSystem[];
  serverNowMs: number;
  /** The page's own path (/dashboard or /dashboard/<ref>); period links stay on it. */
  basePath: string;
  searchParams: DashboardSearchParams;
}) {
  // An admin may open a system that is not in their list (e.g. removed); keep it selectable as "current".
  const listed = systems.find((s) => s.id === current.id);
  const options = listed ? systems : [{ ...current, href: `/dashboard/${current.id}` }, ...systems];
  const systemHref = listed?.href ?? `/dashboard/${current.id}`;
  // A bad stored zone must not break the page: fall back to UTC for the cards' and charts' clocks.
  const zone = isValidTimezone(current.displayTimezone) ? current.displayTimezone : "UTC";
  const today = localDayOf(serverNowMs, zone);
  const period = parsePeriod({ period: searchParams.period, date: searchParams.date }, today);
  return (
    <main className="container space-y-8 py-6 sm:py-8" data-system-id={current.id}>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-bold tracking-tight sm:text-3xl" data-testid="system-name">
            {current.displayName}
          </h1>
          <p className="text-sm text-muted-foreground">
            {vendorName} · {current.displayTimezone}
            {current.status !== "active" && (
              <span className="font-medium"> · {current.status === "disabled" ? "polling paused" : "removed"}</span>
            )}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {canWrite(current) && (
            <Link
              href={`${systemHref}/settings`}
              className={buttonVariants({ variant: "outline" })}
              data-testid="system-settings-link"
            >
              <Settings aria-hidden="true" />
              <span className="sr-only sm:not-sr-only">Settings</span>
            </Link>
          )}
          <ExportDialog systemId={current.id} today={today} />
          <SystemSelector systems={options} currentId={current.id} serverNowMs={serverNowMs} />
        </div>
      </div>
      <DashboardBody
        systemId={current.id}
        systemName={current.displayName}
        dataIntervalMs={current.dataIntervalMs}
        maxDataGapMs={current.maxDataGapMs}
        basePath={basePath}
        period={period}
        today={today}
        zone={zone}
        refreshDisabledReason={
          canWrite(current) ? undefined : "Only the owner or an admin of this system can refresh it"
        }
        computed={isComputedSystem(current.vendorType)}
      />
    </main>
  );
}
