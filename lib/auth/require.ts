import "server-only";
import { forbidden, notFound, unauthorized } from "@/lib/api/errors";
import { bearerSystemAccess, type BearerOptions } from "./bearer";
import { hasAppBearer } from "./bearer-header";
import { getUserFromRequest, isCronRequest } from "./caller";
import { assertSameOrigin } from "./same-origin";
import { findSystem, grantRole } from "./store";
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
  const role = await grantRole(user.userId, system.id);
  if (!role) return null;
  return { system, caller: user, role, canRead: true, canWrite: role !== "viewer", isOwner: role === "owner" };
}

/**
 * 401 when anonymous; 404 when the system is unknown or unreadable; 403 when readable but the level is not met.
 * API tokens and share links get in only where `bearer` lets them (lib/auth/bearer.ts), and are 401 elsewhere.
 */
export async function requireSystemAccess(
  request: Request,
  ref: string | number,
  level: AccessLevel = "read",
  bearer: BearerOptions = {},
): Promise<SystemAccess> {
  if (hasAppBearer(request)) return bearerSystemAccess(request, ref, level, bearer, getSystemAccess);
  const user = await requireAuth(request);
  const access = await getSystemAccess(user, ref);
  if (!access) throw notFound("System not found");
  if (level === "write" && !access.canWrite) throw forbidden("Viewers cannot change this system");
  if (level === "owner" && !access.isOwner) throw forbidden("Only the system's owner can do this");
  return access;
}
