import type { Metadata } from "next";
import { StorageTable } from "@/components/admin/storage-table";
import { getStorageStats } from "@/lib/admin";
import { requirePageAdmin } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Storage" };

/** /admin/storage: rows per table, oldest and newest, and the database size. */
export default async function AdminStoragePage() {
  await requirePageAdmin("/admin/storage");
  return <StorageTable stats={await getStorageStats()} />;
}
