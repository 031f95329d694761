import type { Metadata } from "next";
import { HealthView } from "@/components/admin/health-view";
import { getPollHealth } from "@/lib/admin";
import { requirePageAdmin } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Poll health" };

/** /admin/health: per vendor success rate, durations and errors per hour over three days; systems failing now. */
export default async function AdminHealthPage() {
  await requirePageAdmin("/admin/health");
  return <HealthView health={await getPollHealth(3)} />;
}
