import "server-only";
import { safeEqual } from "@/lib/crypto/secrets";
import { getUserById } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";
import { hasAppBearer } from "./bearer-header";
import { LOCAL_SESSION_COOKIE, readCookie, verifyLocalSession } from "./local-session";
import type { UserCaller } from "./types";

/** The cron secret from `Authorization: Bearer …`, compared in constant time. */
export function isCronRequest(request: Request): boolean {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer (.+)$/.exec(header);
  return Boolean(match && safeEqual(match[1], getEnv().CRON_SECRET));
}

/** Local mode: the user a session token names, if the token is valid and the user still exists. */
export async function localCallerFromToken(token: string | undefined): Promise<UserCaller | null> {
  const session = await verifyLocalSession(token, getEnv().LOCAL_AUTH_SECRET);
  if (!session) return null;
  const user = await getUserById(session.userId);
  if (!user) return null;
  return { kind: "user", userId: user.id, isPlatformAdmin: user.isPlatformAdmin, via: "local" };
}

/**
 * The signed-in user of a request (never for an API token or share link), or null. Local mode: the session cookie;
 * Clerk mode: the session token.
 */
export async function getUserFromRequest(request: Request): Promise<UserCaller | null> {
  // A request carrying an API token or share link is that token's alone: its cookies are not looked at.
  if (hasAppBearer(request)) return null;
  if (getEnv().AUTH_MODE === "clerk") {
    const { getClerkUser } = await import("./clerk");
    return getClerkUser(request);
  }
  return localCallerFromToken(readCookie(request.headers.get("cookie"), LOCAL_SESSION_COOKIE));
}
