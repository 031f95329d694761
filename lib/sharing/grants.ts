import "server-only";
import { ApiError, notFound } from "@/lib/api/errors";
import { findUserByHandle, getUsersByIds } from "@/lib/db/queries/users";
import type { InvitationRole, System, SystemRole } from "@/lib/db/schema";
import { deleteGrant, removeUserGrants, selectSystemAccess, updateGrantRole, upsertGrant } from "./store";

export interface AccessPerson {
  userId: string;
  displayName: string;
  username: string | null;
  email: string | null;
}

/** Who can see one system: its owner, everyone granted a role, and the pending invitations. */
export interface SystemAccessList {
  owner: AccessPerson;
  grants: Array<AccessPerson & { role: SystemRole; since: number }>;
  invitations: Array<{ id: number; role: InvitationRole; invitee: string; createdAt: number; expiresAt: number }>;
}

function person(
  id: string,
  users: Map<string, { displayName: string; username: string | null; email: string | null }>,
) {
  const u = users.get(id);
  return { userId: id, displayName: u?.displayName ?? id, username: u?.username ?? null, email: u?.email ?? null };
}

/** The sharing state of one system, for its owner (expired invitations are left out). */
export async function listSystemAccess(system: Pick<System, "id" | "ownerUserId">, nowMs = Date.now()) {
  const { grants, pending } = await selectSystemAccess(system.id, nowMs);
  const ids = [system.ownerUserId, ...grants.map((g) => g.userId), ...pending.flatMap((p) => p.inviteeUserId ?? [])];
  const users = new Map((await getUsersByIds(ids)).map((u) => [u.id, u]));
  const result: SystemAccessList = {
    owner: person(system.ownerUserId, users),
    grants: grants.map((g) => ({ ...person(g.userId, users), role: g.role, since: g.createdAt })),
    invitations: pending.map((p) => ({
      id: p.id,
      role: p.role,
      invitee: (p.inviteeUserId && users.get(p.inviteeUserId)?.username) || p.inviteeEmail || p.inviteeUserId || "?",
      createdAt: p.createdAt,
      expiresAt: p.expiresAt,
    })),
  };
  return result;
}

/** Grants an existing user a role straight away (local mode's demo users, which have no email to invite). */
export async function grantDirectly(
  system: Pick<System, "id" | "ownerUserId">,
  handle: string,
  role: InvitationRole,
): Promise<AccessPerson & { role: InvitationRole }> {
  const user = await findUserByHandle(handle);
  if (!user) throw new ApiError("BAD_REQUEST", `No user "${handle.trim()}": pick one from the sign-in page`);
  if (user.id === system.ownerUserId) throw new ApiError("BAD_REQUEST", "That person owns this system");
  const now = Date.now();
  await upsertGrant(user.id, system.id, role, now);
  return { userId: user.id, displayName: user.displayName, username: user.username, email: user.email, role };
}

/** Changes the role of someone already granted access; 404 when they have none. */
export async function changeRole(systemId: number, userId: string, role: InvitationRole): Promise<void> {
  if (!(await updateGrantRole(systemId, userId, role))) throw notFound("That person has no access to this system");
}

/** Removes one person's access to one system; 404 when they had none. */
export async function revokeAccess(systemId: number, userId: string): Promise<void> {
  if (!(await deleteGrant(systemId, userId))) throw notFound("That person has no access to this system");
}

export interface RemovedUserAccess {
  grantsRemoved: number;
  invitationsRevoked: number;
  /** Systems the user owned, now disabled (their data is kept for an admin to decide). */
  systemsDisabled: number[];
}

/**
 * A deleted account loses every grant and pending invitation (sent to them or by them); systems they own are
 * disabled, not deleted, so no data disappears without an admin deciding.
 */
export async function removeUserAccess(userId: string, email?: string | null): Promise<RemovedUserAccess> {
  return removeUserGrants(userId, email?.toLowerCase() ?? null, Date.now());
}
