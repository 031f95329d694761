import type { Metadata } from "next";
import { AggregationTool } from "@/components/admin/aggregation-tool";
import { listAdminSystems } from "@/lib/admin";
import { requirePageAdmin } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Tools" };

/** /admin/tools: aggregation repairs. */
export default async function AdminToolsPage() {
  await requirePageAdmin("/admin/tools");
  const systems = (await listAdminSystems()).filter((s) => s.status !== "removed");
  return (
    <section className="space-y-3">
      <h2 className="text-lg font-semibold">Regenerate daily aggregates</h2>
      <p className="max-w-2xl text-sm text-muted-foreground">
        Rebuilds the daily rows from the 5-minute data for each local day of the range (the system&apos;s own time
        zone). Safe to repeat: a regenerate is a re-run, never a hand edit.
      </p>
      <AggregationTool systems={systems.map((s) => ({ id: s.id, displayName: s.displayName }))} />
    </section>
  );
}
