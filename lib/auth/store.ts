import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { systems, userSystems, type System } from "@/lib/db/schema";
import type { SystemAccess } from "./types";

/** Looks a system up by numeric id, or by alias among the systems the user owns or has been granted. */
export async function findSystem(ref: string | number, userId: string): Promise<System | undefined> {
  const db = getDb();
  if (typeof ref === "number" || /^\d+$/.test(ref)) {
    const [row] = await db
      .select()
      .from(systems)
      .where(eq(systems.id, Number(ref)))
      .limit(1);
    return row;
  }
  const [owned] = await db
    .select()
    .from(systems)
    .where(and(eq(systems.ownerUserId, userId), eq(systems.alias, ref)))
    .limit(1);
  if (owned) return owned;
  const [shared] = await db
    .select({ s: systems })
    .from(systems)
    .innerJoin(userSystems, eq(userSystems.systemId, systems.id))
    .where(and(eq(userSystems.userId, userId), eq(systems.alias, ref)))
    .limit(1);
  return shared?.s;
}

/** The role a user was granted on a system (owners have none), or null. */
export async function grantRole(userId: string, systemId: number): Promise<SystemAccess["role"] | null> {
  const [grant] = await getDb()
    .select({ role: userSystems.role })
    .from(userSystems)
    .where(and(eq(userSystems.userId, userId), eq(userSystems.systemId, systemId)))
    .limit(1);
  return grant?.role ?? null;
}
