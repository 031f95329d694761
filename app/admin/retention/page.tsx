import type { Metadata } from "next";
import { RetentionTable } from "@/components/admin/retention-table";
import { getRetentionStats } from "@/lib/admin";
import { requirePageAdmin } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Retention" };

/** /admin/retention: each tier's size, its projection for the next year, and what the next cleanup removes. */
export default async function AdminRetentionPage() {
  await requirePageAdmin("/admin/retention");
  return <RetentionTable stats={await getRetentionStats()} />;
}
