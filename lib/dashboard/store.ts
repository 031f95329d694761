import "server-only";
import { and, asc, eq, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import type { UserCaller } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { pollingStatus, systems, userSystems, type System } from "@/lib/db/schema";

/**
 * Every non-removed system the user may see (owned, granted, or all for platform admins) by name, with the
 * user's grant role and the last successful poll time.
 */
export function selectVisibleSystems(user: UserCaller) {
  return getDb()
    .select({ s: systems, grantRole: userSystems.role, lastSuccessMs: pollingStatus.lastSuccessTime })
    .from(systems)
    .leftJoin(pollingStatus, eq(pollingStatus.systemId, systems.id))
    .leftJoin(userSystems, and(eq(userSystems.systemId, systems.id), eq(userSystems.userId, user.userId)))
    .where(
      and(
        ne(systems.status, "removed"),
        user.isPlatformAdmin ? sql`1 = 1` : or(eq(systems.ownerUserId, user.userId), isNotNull(userSystems.id)),
      ),
    )
    .orderBy(asc(systems.displayName), asc(systems.id));
}

/** A system's last successful poll time; null when it has none. */
export async function lastSuccessTime(systemId: number): Promise<number | null> {
  const [status] = await getDb()
    .select({ lastSuccessMs: pollingStatus.lastSuccessTime })
    .from(pollingStatus)
    .where(eq(pollingStatus.systemId, systemId))
    .limit(1);
  return status?.lastSuccessMs ?? null;
}

/** Systems rows by id (any status). */
export function systemsByIds(ids: number[]): Promise<System[]> {
  return getDb().select().from(systems).where(inArray(systems.id, ids));
}
