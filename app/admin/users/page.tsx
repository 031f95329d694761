import type { Metadata } from "next";
import { UsersTable } from "@/components/admin/users-table";
import { listAdminUsers } from "@/lib/admin";
import { requirePageAdmin } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Users" };

/** /admin/users: everyone with their systems and roles. */
export default async function AdminUsersPage() {
  await requirePageAdmin("/admin/users");
  return <UsersTable rows={await listAdminUsers()} />;
}
