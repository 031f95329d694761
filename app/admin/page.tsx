import type { Metadata } from "next";
import { SystemsTable } from "@/components/admin/systems-table";
import { listAdminSystems } from "@/lib/admin";
import { requirePageAdmin } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Systems" };

/** /admin: every system with its polling health; failing systems first. */
export default async function AdminSystemsPage() {
  await requirePageAdmin("/admin");
  const nowMs = Date.now();
  const rows = await listAdminSystems(nowMs);
  const failing = rows.filter((r) => r.consecutiveErrors > 0 && r.status === "active").length;
  return (
    <section className="space-y-3">
      <p className="text-sm text-muted-foreground">
        {rows.length} systems ·{" "}
        {failing ? <span className="font-medium text-destructive">{failing} failing</span> : "none failing"}
      </p>
      <SystemsTable rows={rows} nowMs={nowMs} />
    </section>
  );
}
