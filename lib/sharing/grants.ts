import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { ApiError, notFound } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { findUserByHandle, getUsersByIds } from "@/lib/db/queries/users";
import { invitations, systems, userSystems, type InvitationRole, type System, type SystemRole } from "@/lib/db/schema";

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
  const db = getDb();
  const grants = await db
    .select()
    .from(userSystems)
    .where(eq(userSystems.systemId, system.id))
    .orderBy(asc(userSystems.createdAt));
  const pending = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.systemId, system.id),
        eq(invitations.status, "pending"),
        sql`${invitations.expiresAt} > ${nowMs}`,
      ),
    )
    .orderBy(asc(invitations.createdAt));
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
  await getDb()
    .insert(userSystems)
    .values({ userId: user.id, systemId: system.id, role, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [userSystems.userId, userSystems.systemId], set: { role, updatedAt: now } });
  return { userId: user.id, displayName: user.displayName, username: user.username, email: user.email, role };
}

/** Changes the role of someone already granted access; 404 when they have none. */
export async function changeRole(systemId: number, userId: string, role: InvitationRole): Promise<void> {
  const done = await getDb()
    .update(userSystems)
    .set({ role, updatedAt: Date.now() })
    .where(and(eq(userSystems.systemId, systemId), eq(userSystems.userId, userId)))
    .returning({ id: userSystems.id });
  if (!done.length) throw notFound("That person has no access to this system");
}

/** Removes one person's access to one system; 404 when they had none. */
export async function revokeAccess(systemId: number, userId: string): Promise<void> {
  const done = await getDb()
    .delete(userSystems)
    .where(and(eq(userSystems.systemId, systemId), eq(userSystems.userId, userId)))
    .returning({ id: userSystems.id });
  if (!done.length) throw notFound("That person has no access to this system");
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
  const now = Date.now();
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
        args: [now, userId, userId, email?.toLowerCase() ?? null],
      },
      {
        sql: `UPDATE systems SET status = 'disabled', updated_at = ? WHERE id IN (${ownedIds.map(() => "?").join(",") || "NULL"})`,
        args: [now, ...ownedIds],
      },
    ],
    "write",
  );
  return { grantsRemoved: grants.rowsAffected, invitationsRevoked: revoked.rowsAffected, systemsDisabled: ownedIds };
}
