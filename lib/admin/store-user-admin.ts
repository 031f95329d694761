import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { adminAuditLog, authSessions, users, type AdminAuditAction } from "@/lib/db/schema";

export type AuditRow = typeof adminAuditLog.$inferSelect;

/** What an admin changes about one user, with the audit rows written in the same transaction. */
export interface UserChange {
  targetUserId: string;
  actorUserId: string;
  nowMs: number;
  isPlatformAdmin?: boolean;
  /** true: disable (and end every session); false: enable. */
  disabled?: boolean;
  audit: Array<{ action: AdminAuditAction; detail?: Record<string, unknown> }>;
}

/** Applies a user change, ends the user's sessions when disabling, and records the audit rows: all or nothing. */
export async function applyUserChange(change: UserChange): Promise<void> {
  const set: Partial<typeof users.$inferInsert> = { updatedAt: change.nowMs };
  if (change.isPlatformAdmin !== undefined) set.isPlatformAdmin = change.isPlatformAdmin;
  if (change.disabled !== undefined) set.disabledAt = change.disabled ? change.nowMs : null;
  const db = getDb();
  const statements = [
    db.update(users).set(set).where(eq(users.id, change.targetUserId)),
    ...(change.disabled ? [db.delete(authSessions).where(eq(authSessions.userId, change.targetUserId))] : []),
    ...change.audit.map((a) =>
      db.insert(adminAuditLog).values({
        actorUserId: change.actorUserId,
        action: a.action,
        targetUserId: change.targetUserId,
        detail: a.detail ? JSON.stringify(a.detail) : null,
        createdAt: change.nowMs,
      }),
    ),
  ] as const;
  // One batch is one transaction (local files and Turso alike).
  await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
}

/** The newest audit rows first. */
export async function selectAuditLog(limit: number): Promise<AuditRow[]> {
  return getDb()
    .select()
    .from(adminAuditLog)
    .orderBy(desc(adminAuditLog.createdAt), desc(adminAuditLog.id))
    .limit(limit);
}
