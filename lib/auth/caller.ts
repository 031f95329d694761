import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { safeEqual } from "@/lib/crypto/secrets";
import { LOCAL_SESSION_COOKIE, readCookie, verifyLocalSession } from "./local-session";
import type { Caller } from "./types";

/** The cron secret from `Authorization: Bearer …`, compared in constant time. */
export function isCronRequest(request: Request): boolean {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer (.+)$/.exec(header);
  return Boolean(match && safeEqual(match[1], getEnv().CRON_SECRET));
}

/** The signed-in user of a request, or null. Local mode: the session cookie; Clerk mode: see clerk.ts. */
export async function getUserFromRequest(request: Request): Promise<Extract<Caller, { kind: "user" }> | null> {
  const env = getEnv();
  if (env.AUTH_MODE === "clerk") {
    const { getClerkUser } = await import("./clerk");
    return getClerkUser(request);
  }
  const session = await verifyLocalSession(
    readCookie(request.headers.get("cookie"), LOCAL_SESSION_COOKIE),
    env.LOCAL_AUTH_SECRET,
  );
  if (!session) return null;
  const [user] = await getDb().select().from(users).where(eq(users.id, session.userId)).limit(1);
  if (!user) return null;
  return { kind: "user", userId: user.id, isPlatformAdmin: user.isPlatformAdmin, via: "local" };
}
