import "server-only";
import { countSessionsByUser } from "@/lib/auth/store-sessions";
import { selectAdminUsers } from "./store";

/** A user as the admin directory shows them, with every system they own or were granted. */
export interface AdminUserRow {
  id: string;
  displayName: string;
  username: string | null;
  email: string | null;
  isPlatformAdmin: boolean;
  /** When a platform admin disabled the account; null: enabled. */
  disabledAt: number | null;
  /** Live local sign-in sessions (always 0 in Clerk mode: Clerk keeps those). */
  sessions: number;
  createdAt: number;
  systems: Array<{ id: number; displayName: string; role: "owner" | "admin" | "viewer"; status: string }>;
}

/** Every user (platform admins first, then by name) with their systems and roles. */
export async function listAdminUsers(limit = 500): Promise<AdminUserRow[]> {
  const [{ users, links }, sessions] = await Promise.all([selectAdminUsers(limit), countSessionsByUser(Date.now())]);
  const byUser = new Map<string, AdminUserRow["systems"]>();
  for (const r of links) {
    const list = byUser.get(String(r.user_id)) ?? [];
    list.push({
      id: Number(r.id),
      displayName: String(r.display_name),
      role: String(r.role) as AdminUserRow["systems"][number]["role"],
      status: String(r.status),
    });
    byUser.set(String(r.user_id), list);
  }
  return users.map((r) => ({
    id: String(r.id),
    displayName: String(r.display_name),
    username: r.username === null ? null : String(r.username),
    email: r.email === null ? null : String(r.email),
    isPlatformAdmin: Number(r.is_platform_admin) === 1,
    disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
    sessions: sessions.get(String(r.id)) ?? 0,
    createdAt: Number(r.created_at),
    systems: byUser.get(String(r.id)) ?? [],
  }));
}
