import "server-only";
import { getDb } from "@/lib/db/client";

/** A user as the admin directory shows them, with every system they own or were granted. */
export interface AdminUserRow {
  id: string;
  displayName: string;
  username: string | null;
  email: string | null;
  isPlatformAdmin: boolean;
  createdAt: number;
  systems: Array<{ id: number; displayName: string; role: "owner" | "admin" | "viewer"; status: string }>;
}

/** Every user (platform admins first, then by name) with their systems and roles. */
export async function listAdminUsers(limit = 500): Promise<AdminUserRow[]> {
  const client = getDb().$client;
  const users = await client.execute({
    sql:
      "SELECT id, display_name, username, email, is_platform_admin, created_at FROM users " +
      "ORDER BY is_platform_admin DESC, display_name, id LIMIT ?",
    args: [limit],
  });
  const links = await client.execute(
    "SELECT owner_user_id AS user_id, id, display_name, 'owner' AS role, status FROM systems " +
      "UNION ALL SELECT g.user_id, s.id, s.display_name, g.role, s.status FROM user_systems g " +
      "JOIN systems s ON s.id = g.system_id ORDER BY 2",
  );
  const byUser = new Map<string, AdminUserRow["systems"]>();
  for (const r of links.rows) {
    const list = byUser.get(String(r.user_id)) ?? [];
    list.push({
      id: Number(r.id),
      displayName: String(r.display_name),
      role: String(r.role) as AdminUserRow["systems"][number]["role"],
      status: String(r.status),
    });
    byUser.set(String(r.user_id), list);
  }
  return users.rows.map((r) => ({
    id: String(r.id),
    displayName: String(r.display_name),
    username: r.username === null ? null : String(r.username),
    email: r.email === null ? null : String(r.email),
    isPlatformAdmin: Number(r.is_platform_admin) === 1,
    createdAt: Number(r.created_at),
    systems: byUser.get(String(r.id)) ?? [],
  }));
}
