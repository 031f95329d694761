import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { requirePageAdmin } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

/** The admin area: platform admins only (anonymous → sign-in, others → 403); each page checks again. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageAdmin("/admin");
  return (
    <main className="mx-auto flex max-w-7xl flex-col gap-4 p-4">
      <h1 className="text-2xl font-semibold">Admin</h1>
      <AdminNav />
      {children}
    </main>
  );
}
