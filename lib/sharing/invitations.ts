import "server-only";
import { and, eq } from "drizzle-orm";
import { ApiError, forbidden, notFound } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { findUserByHandle, getUserById } from "@/lib/db/queries/users";
import { invitations, systems, userSystems, type Invitation, type InvitationRole, type System } from "@/lib/db/schema";
import { hashInvitationToken, INVITATION_TTL_MS, mintInvitationToken, verifyInvitationToken } from "./token";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CreatedInvitation {
  id: number;
  role: InvitationRole;
  invitee: string;
  expiresAt: number;
  /** Shown once: the database keeps only its hash. */
  token: string;
  /** Path of the accept page, e.g. `/invite/inv1…`; the owner sends it to the invitee. */
  acceptPath: string;
}

/**
 * Invites someone (an existing user by username or email, or a new person by email) to one system as viewer
 * or admin. Earlier pending invitations for the same person are revoked, so only the newest link works.
 */
export async function createInvitation(input: {
  system: Pick<System, "id" | "ownerUserId">;
  invitedBy: string;
  handle: string;
  role: InvitationRole;
  nowMs?: number;
}): Promise<CreatedInvitation> {
  const db = getDb();
  const nowMs = input.nowMs ?? Date.now();
  const handle = input.handle.trim();
  const user = await findUserByHandle(handle);
  if (!user && !EMAIL.test(handle)) {
    throw new ApiError("BAD_REQUEST", `Nobody with the username "${handle}" has signed in yet: invite them by email`);
  }
  const inviteeUserId = user?.id ?? null;
  const inviteeEmail = (user?.email ?? (EMAIL.test(handle) ? handle : null))?.toLowerCase() ?? null;
  if (inviteeUserId === input.system.ownerUserId) throw new ApiError("BAD_REQUEST", "That person owns this system");
  if (inviteeUserId) await assertNoGrant(input.system.id, inviteeUserId);

  const expiresAt = nowMs + INVITATION_TTL_MS;
  const token = mintInvitationToken(expiresAt);
  // One write batch: supersede older pending invitations for this person, then insert the new one.
  const [, inserted] = await db.$client.batch(
    [
      {
        sql:
          "UPDATE invitations SET status = 'revoked', responded_at = ?, responded_by = ? WHERE system_id = ? " +
          `AND status = 'pending' AND ${inviteeUserId ? "invitee_user_id" : "invitee_email"} = ?`,
        args: [nowMs, input.invitedBy, input.system.id, inviteeUserId ?? inviteeEmail],
      },
      {
        sql:
          "INSERT INTO invitations (system_id, role, invited_by, invitee_user_id, invitee_email, token_hash, " +
          "status, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
        args: [
          input.system.id,
          input.role,
          input.invitedBy,
          inviteeUserId,
          inviteeEmail,
          hashInvitationToken(token),
          expiresAt,
          nowMs,
        ],
      },
    ],
    "write",
  );
  const id = Number(inserted.rows[0].id);
  const invitee = user ? (user.username ?? user.email ?? user.displayName) : inviteeEmail!;
  return { id, role: input.role, invitee, expiresAt, token, acceptPath: `/invite/${token}` };
}

async function assertNoGrant(systemId: number, userId: string): Promise<void> {
  const [grant] = await getDb()
    .select({ role: userSystems.role })
    .from(userSystems)
    .where(and(eq(userSystems.systemId, systemId), eq(userSystems.userId, userId)))
    .limit(1);
  if (grant) throw new ApiError("CONFLICT", `That person already has ${grant.role} access: change their role instead`);
}

/** What the invitee sees before answering: the system, the role, who invited them and until when. */
export interface InvitationPreview {
  systemName: string;
  role: InvitationRole;
  invitedBy: string;
  expiresAt: number;
}

/**
 * Finds the invitation a token names and checks it is for `userId`. Forged, unknown → 404; someone else's → 403
 * (revealing nothing about it); used or revoked → 409; expired → 404 saying so.
 */
async function loadForInvitee(token: string, userId: string, nowMs: number): Promise<Invitation> {
  const invalid = () => notFound("This invitation link is not valid: check you copied all of it");
  const signed = verifyInvitationToken(token);
  if (!signed) throw invalid();
  const [row] = await getDb()
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashInvitationToken(token)))
    .limit(1);
  if (!row) throw invalid();
  if (!(await isInvitee(row, userId)))
    throw forbidden("This invitation is for another account: sign in as that person");
  if (row.status !== "pending") throw new ApiError("CONFLICT", `This invitation was already ${row.status}`);
  if (Math.min(row.expiresAt, signed.expiresAtMs) <= nowMs) {
    throw notFound("This invitation has expired: ask the owner to send a new one");
  }
  return row;
}

async function isInvitee(row: Invitation, userId: string): Promise<boolean> {
  if (row.inviteeUserId) return row.inviteeUserId === userId;
  const user = await getUserById(userId);
  return Boolean(user?.email && row.inviteeEmail && user.email.toLowerCase() === row.inviteeEmail);
}

/** The invitee's view of a pending invitation (see loadForInvitee for the errors). */
export async function previewInvitation(token: string, userId: string, nowMs = Date.now()): Promise<InvitationPreview> {
  const row = await loadForInvitee(token, userId, nowMs);
  const [system] = await getDb().select().from(systems).where(eq(systems.id, row.systemId)).limit(1);
  if (!system || system.status === "removed") throw notFound("The shared system no longer exists");
  const inviter = await getUserById(row.invitedBy);
  return {
    systemName: system.displayName,
    role: row.role,
    invitedBy: inviter?.displayName ?? "The owner",
    expiresAt: row.expiresAt,
  };
}

/**
 * Accepts or declines an invitation. The status flips from pending in one conditional UPDATE inside the
 * transaction that grants access, so two concurrent accepts of one token grant once and the other gets 409.
 */
export async function respondToInvitation(
  token: string,
  userId: string,
  action: "accept" | "decline",
  nowMs = Date.now(),
): Promise<{ systemId: number | null; role: InvitationRole | null }> {
  const row = await loadForInvitee(token, userId, nowMs);
  if (action === "accept") {
    const [system] = await getDb().select().from(systems).where(eq(systems.id, row.systemId)).limit(1);
    if (!system || system.status === "removed") throw notFound("The shared system no longer exists");
  }
  const status = action === "accept" ? "accepted" : "declined";
  // changes() = 1 ties the grant to this batch's own flip of the status: a replay or a racing accept flips
  // nothing, so it grants nothing. Removed systems and the owner themselves get no grant row.
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
  if (flip.rowsAffected !== 1) throw new ApiError("CONFLICT", "This invitation was already used");
  if (action === "decline") return { systemId: null, role: null };
  return { systemId: row.systemId, role: row.role };
}

/** Revokes a pending invitation of one system; 404 when there is no such pending invitation. */
export async function revokeInvitation(systemId: number, invitationId: number, byUserId: string): Promise<void> {
  const done = await getDb()
    .update(invitations)
    .set({ status: "revoked", respondedAt: Date.now(), respondedBy: byUserId })
    .where(and(eq(invitations.id, invitationId), eq(invitations.systemId, systemId), eq(invitations.status, "pending")))
    .returning({ id: invitations.id });
  if (!done.length) throw notFound("No pending invitation with that id on this system");
}
