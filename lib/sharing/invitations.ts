import "server-only";
import { ApiError, forbidden, notFound } from "@/lib/api/errors";
import { findUserByHandle, getUserById } from "@/lib/db/queries/users";
import { grantRole } from "@/lib/auth/store";
import { getSystemRow } from "@/lib/db/queries/systems";
import type { Invitation, InvitationRole, System } from "@/lib/db/schema";
import { answerInvitation, findInvitationByTokenHash, insertInvitation, revokePendingInvitation } from "./store";
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
  const id = await insertInvitation({
    systemId: input.system.id,
    role: input.role,
    invitedBy: input.invitedBy,
    inviteeUserId,
    inviteeEmail,
    tokenHash: hashInvitationToken(token),
    expiresAt,
    nowMs,
  });
  const invitee = user ? (user.username ?? user.email ?? user.displayName) : inviteeEmail!;
  return { id, role: input.role, invitee, expiresAt, token, acceptPath: `/invite/${token}` };
}

async function assertNoGrant(systemId: number, userId: string): Promise<void> {
  const grant = await grantRole(userId, systemId);
  if (grant) throw new ApiError("CONFLICT", `That person already has ${grant} access: change their role instead`);
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
  const row = await findInvitationByTokenHash(hashInvitationToken(token));
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
  const system = await getSystemRow(row.systemId);
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
    const system = await getSystemRow(row.systemId);
    if (!system || system.status === "removed") throw notFound("The shared system no longer exists");
  }
  const status = action === "accept" ? "accepted" : "declined";
  // The flip and the grant are one write batch, so two concurrent accepts of one token grant once.
  const flipped = await answerInvitation(row, userId, status, nowMs);
  if (!flipped) throw new ApiError("CONFLICT", "This invitation was already used");
  if (action === "decline") return { systemId: null, role: null };
  return { systemId: row.systemId, role: row.role };
}

/** Revokes a pending invitation of one system; 404 when there is no such pending invitation. */
export async function revokeInvitation(systemId: number, invitationId: number, byUserId: string): Promise<void> {
  const done = await revokePendingInvitation(systemId, invitationId, byUserId);
  if (!done) throw notFound("No pending invitation with that id on this system");
}
