import "server-only";
import { safeEqual } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { hasAppBearer } from "./bearer-header";
import { LOCAL_SESSION_COOKIE, readCookie } from "./local-session";
import { callerFromLocalSession } from "./local-sessions";
import type { UserCaller } from "./types";

/** The cron secret from `Authorization: Bearer …`, compared in constant time. */
export function isCronRequest(request: Request): boolean {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer (.+)$/.exec(header);
  return Boolean(match && safeEqual(match[1], getEnv().CRON_SECRET));
}

/** Local mode: the user of a live server-side session (token valid, row present, user exists and is enabled). */
export async function localCallerFromToken(token: string | undefined): Promise<UserCaller | null> {
  return callerFromLocalSession(token);
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
