import "server-only";
import { hashSecret, randomSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { LOCAL_SESSION_TTL_S, signLocalSession, verifyLocalSession } from "./local-session";
import { deleteAuthSession, findAuthSession, insertAuthSession, touchAuthSession } from "./store-sessions";
import type { UserCaller } from "./types";

/** last_seen_at is written at most this often per session, so a signed-in request stays one read. */
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60_000;

/**
 * Starts a server-side local session: a random id (32 bytes) whose SHA-256 is stored with the user and expiry,
 * and a signed token carrying the id for the cookie.
 */
export async function createLocalSession(
  userId: string,
  ttlS = LOCAL_SESSION_TTL_S,
  secret = getEnv().LOCAL_AUTH_SECRET,
): Promise<string> {
  const sessionId = randomSecret(32);
  const nowMs = Date.now();
  await insertAuthSession({ idHash: hashSecret(sessionId), userId, nowMs, expiresAt: nowMs + ttlS * 1000 });
  return signLocalSession(userId, secret, ttlS, sessionId);
}

/**
 * The user a local session token names when its signature holds, its session row exists and has not expired, and
 * the user exists and is not disabled; else null (answered as signed out). One indexed read per request.
 */
export async function callerFromLocalSession(token: string | undefined): Promise<UserCaller | null> {
  const session = await verifyLocalSession(token, getEnv().LOCAL_AUTH_SECRET);
  if (!session?.sessionId) return null;
  const idHash = hashSecret(session.sessionId);
  const row = await findAuthSession(idHash);
  const nowMs = Date.now();
  if (!row || row.userId !== session.userId || row.expiresAt <= nowMs || row.disabledAt !== null) return null;
  if (nowMs - row.lastSeenAt >= SESSION_TOUCH_INTERVAL_MS) await touchAuthSession(idHash, nowMs);
  return { kind: "user", userId: row.userId, isPlatformAdmin: row.isPlatformAdmin, via: "local" };
}

/** Ends the session a token names (sign-out); a missing, forged or already ended one is fine. */
export async function endLocalSession(token: string | undefined): Promise<void> {
  const session = await verifyLocalSession(token, getEnv().LOCAL_AUTH_SECRET);
  if (session?.sessionId) await deleteAuthSession(hashSecret(session.sessionId));
}
