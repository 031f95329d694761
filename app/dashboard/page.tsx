import type { Metadata } from "next";
import { NoSystems } from "@/components/dashboard/no-systems";
import { SystemDashboard, type DashboardSearchParams } from "@/components/dashboard/system-dashboard";
import { requirePageUser } from "@/lib/auth/page";
import { loadDashboard } from "@/lib/dashboard/load-dashboard";
import { vendorDisplayName } from "@/lib/vendors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

/** /dashboard: the user's default system (else the first visible one), or how to add one. `?period=&date=` pick the period. */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<DashboardSearchParams> }) {
  const user = await requirePageUser("/dashboard");
  const [{ current, systems, serverNowMs }, params] = await Promise.all([loadDashboard(user), searchParams]);
  if (!current) return <NoSystems />;
  return (
    <SystemDashboard
      current={current}
      vendorName={vendorDisplayName(current.vendorType)}
      systems={systems}
      serverNowMs={serverNowMs}
      basePath="/dashboard"
      searchParams={params}
    />
  );
}
