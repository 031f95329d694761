import "server-only";
import { eq, gt, lte, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { authSessions, users } from "@/lib/db/schema";

/** A stored session joined with its user: what authorising one request needs, in one indexed lookup. */
export interface LiveSessionRow {
  userId: string;
  isPlatformAdmin: boolean;
  disabledAt: number | null;
  lastSeenAt: number;
  expiresAt: number;
}

/** Records a new session (the id's hash only). */
export async function insertAuthSession(row: {
  idHash: string;
  userId: string;
  nowMs: number;
  expiresAt: number;
}): Promise<void> {
  await getDb().insert(authSessions).values({
    idHash: row.idHash,
    userId: row.userId,
    createdAt: row.nowMs,
    lastSeenAt: row.nowMs,
    expiresAt: row.expiresAt,
  });
}

/** The session with this id hash and its user (primary-key lookup joined on the users primary key), or undefined. */
export async function findAuthSession(idHash: string): Promise<LiveSessionRow | undefined> {
  const [row] = await getDb()
    .select({
      userId: users.id,
      isPlatformAdmin: users.isPlatformAdmin,
      disabledAt: users.disabledAt,
      lastSeenAt: authSessions.lastSeenAt,
      expiresAt: authSessions.expiresAt,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(eq(authSessions.idHash, idHash))
    .limit(1);
  return row;
}

/** Records that a session was used (callers throttle this to a few writes an hour). */
export async function touchAuthSession(idHash: string, nowMs: number): Promise<void> {
  await getDb().update(authSessions).set({ lastSeenAt: nowMs }).where(eq(authSessions.idHash, idHash));
}

/** Ends one session (sign-out). */
export async function deleteAuthSession(idHash: string): Promise<void> {
  await getDb().delete(authSessions).where(eq(authSessions.idHash, idHash));
}

/** Ends every session of a user (disabled by an admin); returns how many ended. */
export async function deleteUserSessions(userId: string): Promise<number> {
  const res = await getDb().delete(authSessions).where(eq(authSessions.userId, userId));
  return res.rowsAffected;
}

/** Forgets sessions that expired (cleanup cron); returns how many. */
export async function deleteExpiredSessions(nowMs: number): Promise<number> {
  const res = await getDb().delete(authSessions).where(lte(authSessions.expiresAt, nowMs));
  return res.rowsAffected;
}

/** How many live sessions each user has (admin directory). */
export async function countSessionsByUser(nowMs: number): Promise<Map<string, number>> {
  const rows = await getDb()
    .select({ userId: authSessions.userId, n: sql<number>`count(*)` })
    .from(authSessions)
    .where(gt(authSessions.expiresAt, nowMs))
    .groupBy(authSessions.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}
