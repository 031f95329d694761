import "server-only";
import { notFound } from "next/navigation";
import type { SystemSummary } from "@/lib/api/contracts";
import type { UserCaller } from "@/lib/auth";
import { listVisibleSystems, pickDefaultSystem, resolveDashboardSystem, systemHref } from "./systems";

export interface DashboardData {
  current: SystemSummary | null;
  systems: Array<SystemSummary & { href: string }>;
  serverNowMs: number;
}

/**
 * Everything a dashboard page needs: the visible systems with their links, and the one to show (the default when
 * `ref` is absent). An unknown or forbidden `ref` calls notFound(); no systems at all gives current = null.
 */
export async function loadDashboard(user: UserCaller, ref?: string): Promise<DashboardData> {
  const list = await listVisibleSystems(user);
  const systems = list.map((s) => ({ ...s, href: systemHref(s, list) }));
  let current: SystemSummary | null;
  if (ref === undefined) {
    current = pickDefaultSystem(list);
  } else {
    const resolved = await resolveDashboardSystem(user, ref);
    if (!resolved) notFound();
    current = resolved.current;
  }
  return { current, systems, serverNowMs: Date.now() };
}
