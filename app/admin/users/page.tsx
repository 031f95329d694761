import type { Metadata } from "next";
import { UserAuditTable } from "@/components/admin/user-audit-table";
import { UsersTable } from "@/components/admin/users-table";
import { listAdminUsers, listUserAudit } from "@/lib/admin";
import { requirePageAdmin } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Users" };

/** /admin/users: everyone with their systems and roles, admin and disable controls, and the audit log. */
export default async function AdminUsersPage() {
  const admin = await requirePageAdmin("/admin/users");
  const [rows, audit] = await Promise.all([listAdminUsers(), listUserAudit()]);
  return (
    <div className="space-y-8">
      <UsersTable rows={rows} selfId={admin.userId} />
      <section aria-labelledby="audit-heading" className="space-y-2">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit log
        </h2>
        <UserAuditTable entries={audit} />
      </section>
    </div>
  );
}
