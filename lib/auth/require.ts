import "server-only";
import { and, eq } from "drizzle-orm";
import { forbidden, notFound, unauthorized } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { systems, userSystems, type System } from "@/lib/db/schema";
import { getUserFromRequest, isCronRequest } from "./caller";
import { assertSameOrigin } from "./same-origin";
import type { AccessLevel, Caller, SystemAccess, UserCaller } from "./types";

/** 401 unless a user is signed in. */
export async function requireAuth(request: Request): Promise<UserCaller> {
  const user = await getUserFromRequest(request);
  if (!user) throw unauthorized();
  return user;
}

/** 401 when anonymous, 403 unless a platform admin. */
export async function requireAdmin(request: Request): Promise<UserCaller> {
  const user = await requireAuth(request);
  if (!user.isPlatformAdmin) throw forbidden("Platform admins only");
  return user;
}

/** The cron bearer secret, or a platform admin. */
export async function requireCronOrAdmin(request: Request): Promise<Caller> {
  if (isCronRequest(request)) return { kind: "cron" };
  if (request.headers.get("authorization")?.startsWith("Bearer ")) throw unauthorized("Invalid cron secret");
  const user = await getUserFromRequest(request);
  if (!user) throw unauthorized("Cron secret or admin sign-in required");
  if (!user.isPlatformAdmin) throw forbidden("Platform admins only");
  // A signed-in admin's cookie rides along on cross-site links too (SameSite=Lax allows top-level GETs): refuse those.
  assertSameOrigin(request);
  return user;
}

/** Looks a system up by numeric id, or by alias among the systems the user owns or has been granted. */
async function findSystem(ref: string | number, userId: string): Promise<System | undefined> {
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

/** The caller's access to one system; unknown and forbidden systems both answer 404 (no existence leak). */
export async function getSystemAccess(user: UserCaller, ref: string | number): Promise<SystemAccess | null> {
  const system = await findSystem(ref, user.userId);
  if (!system) return null;
  if (user.isPlatformAdmin) {
    return { system, caller: user, role: "platform-admin", canRead: true, canWrite: true, isOwner: true };
  }
  if (system.status === "removed") return null;
  if (system.ownerUserId === user.userId) {
    return { system, caller: user, role: "owner", canRead: true, canWrite: true, isOwner: true };
  }
  const [grant] = await getDb()
    .select({ role: userSystems.role })
    .from(userSystems)
    .where(and(eq(userSystems.userId, user.userId), eq(userSystems.systemId, system.id)))
    .limit(1);
  if (!grant) return null;
  const role = grant.role;
  return { system, caller: user, role, canRead: true, canWrite: role !== "viewer", isOwner: role === "owner" };
}

/** 401 when anonymous; 404 when the system is unknown or unreadable; 403 when readable but the level is not met. */
export async function requireSystemAccess(
  request: Request,
  ref: string | number,
  level: AccessLevel = "read",
): Promise<SystemAccess> {
  const user = await requireAuth(request);
  const access = await getSystemAccess(user, ref);
  if (!access) throw notFound("System not found");
  if (level === "write" && !access.canWrite) throw forbidden("Viewers cannot change this system");
  if (level === "owner" && !access.isOwner) throw forbidden("Only the system's owner can do this");
  return access;
}
