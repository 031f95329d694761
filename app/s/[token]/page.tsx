import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApiAuthProvider } from "@/components/dashboard/api-auth";
import { DashboardBody } from "@/components/dashboard/dashboard-body";
import { sharedSummary } from "@/lib/dashboard/systems";
import { parsePeriod } from "@/lib/dashboard/period";
import { localDayOf } from "@/lib/format";
import { isValidTimezone } from "@/lib/time/zones";
import { sharedSystem } from "@/lib/tokens";
import { vendorDisplayName } from "@/lib/vendors";

export const dynamic = "force-dynamic";
// The secret is in the URL: never sent on to other sites, never indexed.
export const metadata: Metadata = { title: "Shared dashboard", referrer: "no-referrer", robots: { index: false } };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * /s/[token]: a share link's read-only dashboard, without signing in. Only the dashboard body (no settings, export,
 * system selector or other pages); its data requests carry the link's secret. Unknown, expired or revoked: 404.
 */
export default async function SharedDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { token } = await params;
  const system = await sharedSystem(token);
  if (!system) notFound();
  const [current, query] = await Promise.all([sharedSummary(system), searchParams]);
  const zone = isValidTimezone(current.displayTimezone) ? current.displayTimezone : "UTC";
  const today = localDayOf(Date.now(), zone);
  const period = parsePeriod({ period: query.period, date: query.date }, today);
  return (
    <main className="container space-y-8 py-6 sm:py-8" data-system-id={current.id} data-shared="true">
      <div className="min-w-0">
        <h1 className="truncate text-2xl font-bold tracking-tight sm:text-3xl" data-testid="system-name">
          {current.displayName}
        </h1>
        <p className="text-sm text-muted-foreground">
          {vendorDisplayName(current.vendorType)} · {current.displayTimezone} · shared read only
        </p>
      </div>
      <ApiAuthProvider bearer={token}>
        <DashboardBody
          systemId={current.id}
          systemName={current.displayName}
          dataIntervalMs={current.dataIntervalMs}
          maxDataGapMs={current.maxDataGapMs}
          basePath={`/s/${token}`}
          period={period}
          today={today}
          zone={zone}
          shared
        />
      </ApiAuthProvider>
    </main>
  );
}
