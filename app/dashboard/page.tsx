import type { Metadata } from "next";
import { NoSystems } from "@/components/dashboard/no-systems";
import { SystemDashboard } from "@/components/dashboard/system-dashboard";
import { requirePageUser } from "@/lib/auth/page";
import { loadDashboard } from "@/lib/dashboard/load-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

/** /dashboard: the user's default system (else the first visible one), or how to add one. */
export default async function DashboardPage() {
  const user = await requirePageUser("/dashboard");
  const { current, systems, serverNowMs } = await loadDashboard(user);
  if (!current) return <NoSystems />;
  return <SystemDashboard current={current} systems={systems} serverNowMs={serverNowMs} />;
}
