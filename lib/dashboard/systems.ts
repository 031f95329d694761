import "server-only";
import type { SystemSummary } from "@/lib/api/contracts";
import { getSystemAccess, type SystemAccess, type UserCaller } from "@/lib/auth";
import type { System } from "@/lib/db/schema";
import { cadences, type Cadence } from "./cadence";
import { lastSuccessTime, selectVisibleSystems } from "./store";

type Role = SystemSummary["role"];

/** A system as the dashboard shows it to a caller with `role`. */
export function toSummary(
  s: System,
  role: Role,
  userId: string,
  lastSuccessMs: number | null,
  cadence?: Cadence,
): SystemSummary {
  return {
    id: s.id,
    displayName: s.displayName,
    alias: s.alias,
    vendorType: s.vendorType,
    status: s.status,
    displayTimezone: s.displayTimezone,
    // is_default is the owner's choice; a shared or admin-visible system is never the viewer's default.
    isDefault: s.isDefault && s.ownerUserId === userId,
    role,
    lastSuccessMs,
    dataIntervalMs: cadence?.dataIntervalMs,
    maxDataGapMs: cadence?.maxDataGapMs,
  };
}

const ROLE_ORDER: Record<Role, number> = { owner: 0, admin: 1, viewer: 2, "platform-admin": 3 };

/**
 * Every non-removed system the user may see: owned, shared through user_systems, and (platform admins) all others.
 * Ordered owned first, then shared, then admin-only, each by name; each carries its last successful poll time.
 */
export async function listVisibleSystems(user: UserCaller): Promise<SystemSummary[]> {
  const rows = await selectVisibleSystems(user);

  const cadence = await cadences(rows.map((r) => r.s));
  const summaries = rows.map(({ s, grantRole, lastSuccessMs }) => {
    const role: Role = s.ownerUserId === user.userId ? "owner" : (grantRole ?? "platform-admin");
    return toSummary(s, role, user.userId, lastSuccessMs ?? null, cadence.get(s.id));
  });
  // Stable sort keeps the name order inside each role group.
  return summaries.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}

/** The system /dashboard opens: the user's own default, else the first visible one; null when there is none. */
export function pickDefaultSystem(list: SystemSummary[]): SystemSummary | null {
  return list.find((s) => s.isDefault) ?? list[0] ?? null;
}

/**
 * The dashboard link for a system: its alias when that alias resolves for this user (owned or shared, and unique in
 * the list), else its numeric id (an admin's view of someone else's system cannot be found by alias).
 */
export function systemHref(system: SystemSummary, list: SystemSummary[]): string {
  const alias = system.alias;
  const usable =
    alias !== null &&
    !/^\d+$/.test(alias) &&
    system.role !== "platform-admin" &&
    list.filter((s) => s.alias === alias && s.role !== "platform-admin").length === 1;
  return `/dashboard/${usable ? encodeURIComponent(alias) : system.id}`;
}

/** Resolves `/dashboard/[system]` (id or alias) for a user; null when unknown or not readable (the page 404s). */
export async function resolveDashboardSystem(
  user: UserCaller,
  ref: string,
): Promise<{ current: SystemSummary; access: SystemAccess } | null> {
  const access = await getSystemAccess(user, ref);
  if (!access?.canRead) return null;
  const lastSuccessMs = await lastSuccessTime(access.system.id);
  const role: Role = access.system.ownerUserId === user.userId ? "owner" : access.role;
  const cadence = (await cadences([access.system])).get(access.system.id);
  return { current: toSummary(access.system, role, user.userId, lastSuccessMs, cadence), access };
}

/** The summary a share link's page shows: the system read only, as a viewer sees it. */
export async function sharedSummary(system: System): Promise<SystemSummary> {
  const [lastSuccessMs, cadence] = await Promise.all([lastSuccessTime(system.id), cadences([system])]);
  return toSummary(system, "viewer", "", lastSuccessMs, cadence.get(system.id));
}
