import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { invitations, systems, userSystems, type Invitation, type InvitationRole } from "@/lib/db/schema";

/** A system's grants (oldest first) and its unexpired pending invitations (oldest first). */
export async function selectSystemAccess(systemId: number, nowMs: number) {
  const db = getDb();
  const grants = await db
    .select()
    .from(userSystems)
    .where(eq(userSystems.systemId, systemId))
    .orderBy(asc(userSystems.createdAt));
  const pending = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.systemId, systemId),
        eq(invitations.status, "pending"),
        sql`${invitations.expiresAt} > ${nowMs}`,
      ),
    )
    .orderBy(asc(invitations.createdAt));
  return { grants, pending };
}

/** Grants a user a role on a system, or changes the role they have. */
export async function upsertGrant(
  userId: string,
  systemId: number,
  role: InvitationRole,
  nowMs: number,
): Promise<void> {
  await getDb()
    .insert(userSystems)
    .values({ userId, systemId, role, createdAt: nowMs, updatedAt: nowMs })
    .onConflictDoUpdate({ target: [userSystems.userId, userSystems.systemId], set: { role, updatedAt: nowMs } });
}

/** Changes an existing grant's role; false when there is none. */
export async function updateGrantRole(systemId: number, userId: string, role: InvitationRole): Promise<boolean> {
  const done = await getDb()
    .update(userSystems)
    .set({ role, updatedAt: Date.now() })
    .where(and(eq(userSystems.systemId, systemId), eq(userSystems.userId, userId)))
    .returning({ id: userSystems.id });
  return done.length > 0;
}

/** Deletes a grant; false when there was none. */
export async function deleteGrant(systemId: number, userId: string): Promise<boolean> {
  const done = await getDb()
    .delete(userSystems)
    .where(and(eq(userSystems.systemId, systemId), eq(userSystems.userId, userId)))
    .returning({ id: userSystems.id });
  return done.length > 0;
}

/**
 * In one write batch: deletes the user's grants, revokes pending invitations to or from them, and disables the
 * active systems they own. Returns the counts and the disabled system ids.
 */
export async function removeUserGrants(userId: string, email: string | null, nowMs: number) {
  const db = getDb();
  const owned = await db
    .select({ id: systems.id })
    .from(systems)
    .where(and(eq(systems.ownerUserId, userId), eq(systems.status, "active")));
  const ownedIds = owned.map((s) => s.id);
  const [grants, revoked] = await db.$client.batch(
    [
      { sql: "DELETE FROM user_systems WHERE user_id = ?", args: [userId] },
      {
        sql:
          "UPDATE invitations SET status = 'revoked', responded_at = ?, responded_by = 'system:user-deleted' " +
          "WHERE status = 'pending' AND (invitee_user_id = ? OR invited_by = ? OR invitee_email = ?)",
        args: [nowMs, userId, userId, email],
      },
      {
        sql: `UPDATE systems SET status = 'disabled', updated_at = ? WHERE id IN (${ownedIds.map(() => "?").join(",") || "NULL"})`,
        args: [nowMs, ...ownedIds],
      },
    ],
    "write",
  );
  return { grantsRemoved: grants.rowsAffected, invitationsRevoked: revoked.rowsAffected, systemsDisabled: ownedIds };
}

/**
 * In one write batch: supersedes the person's older pending invitations to the system, then inserts the new one.
 * Returns its id.
 */
export async function insertInvitation(input: {
  systemId: number;
  role: InvitationRole;
  invitedBy: string;
  inviteeUserId: string | null;
  inviteeEmail: string | null;
  tokenHash: string;
  expiresAt: number;
  nowMs: number;
}): Promise<number> {
  const { nowMs, inviteeUserId, inviteeEmail } = input;
  const [, inserted] = await getDb().$client.batch(
    [
      {
        sql:
          "UPDATE invitations SET status = 'revoked', responded_at = ?, responded_by = ? WHERE system_id = ? " +
          `AND status = 'pending' AND ${inviteeUserId ? "invitee_user_id" : "invitee_email"} = ?`,
        args: [nowMs, input.invitedBy, input.systemId, inviteeUserId ?? inviteeEmail],
      },
      {
        sql:
          "INSERT INTO invitations (system_id, role, invited_by, invitee_user_id, invitee_email, token_hash, " +
          "status, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
        args: [
          input.systemId,
          input.role,
          input.invitedBy,
          inviteeUserId,
          inviteeEmail,
          input.tokenHash,
          input.expiresAt,
          nowMs,
        ],
      },
    ],
    "write",
  );
  return Number(inserted.rows[0].id);
}

/** The invitation with this token hash, or undefined. */
export async function findInvitationByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
  const [row] = await getDb().select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
  return row;
}

/**
 * Flips a pending invitation to `status` and, when accepted, grants its role in the same write batch. changes() = 1
 * ties the grant to this batch's own flip: a replay or a racing accept flips nothing, so it grants nothing. Removed
 * systems and the owner themselves get no grant row. Returns whether this call flipped it.
 */
export async function answerInvitation(
  row: Pick<Invitation, "id" | "systemId" | "role">,
  userId: string,
  status: "accepted" | "declined",
  nowMs: number,
): Promise<boolean> {
  const [flip] = await getDb().$client.batch(
    [
      {
        sql: "UPDATE invitations SET status = ?, responded_at = ?, responded_by = ? WHERE id = ? AND status = 'pending'",
        args: [status, nowMs, userId, row.id],
      },
      {
        sql:
          "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) " +
          "SELECT ?, s.id, ?, ?, ? FROM systems s WHERE s.id = ? AND ? = 'accepted' AND changes() = 1 " +
          "AND s.status <> 'removed' AND s.owner_user_id <> ? " +
          "ON CONFLICT (user_id, system_id) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at",
        args: [userId, row.role, nowMs, nowMs, row.systemId, status, userId],
      },
    ],
    "write",
  );
  return flip.rowsAffected === 1;
}

/** Revokes a pending invitation of one system; false when there is no such pending invitation. */
export async function revokePendingInvitation(systemId: number, invitationId: number, byUserId: string) {
  const done = await getDb()
    .update(invitations)
    .set({ status: "revoked", respondedAt: Date.now(), respondedBy: byUserId })
    .where(and(eq(invitations.id, invitationId), eq(invitations.systemId, systemId), eq(invitations.status, "pending")))
    .returning({ id: invitations.id });
  return done.length > 0;
}
