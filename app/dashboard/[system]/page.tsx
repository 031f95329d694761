import type { Metadata } from "next";
import { SystemDashboard, type DashboardSearchParams } from "@/components/dashboard/system-dashboard";
import { requirePageUser } from "@/lib/auth/page";
import { loadDashboard } from "@/lib/dashboard/load-dashboard";
import { vendorDisplayName } from "@/lib/vendors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** /dashboard/[system]: one system by numeric id or alias; unknown or not shared with the user → 404. */
export default async function SystemDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ system: string }>;
  searchParams: Promise<DashboardSearchParams>;
}) {
  const { system } = await params;
  const ref = safeDecode(system);
  const path = `/dashboard/${encodeURIComponent(ref)}`;
  const user = await requirePageUser(path);
  const [{ current, systems, serverNowMs }, query] = await Promise.all([loadDashboard(user, ref), searchParams]);
  // loadDashboard calls notFound() for an unreadable ref, so current is set here.
  return (
    <SystemDashboard
      current={current!}
      vendorName={vendorDisplayName(current!.vendorType)}
      systems={systems}
      serverNowMs={serverNowMs}
      basePath={path}
      searchParams={query}
    />
  );
}
