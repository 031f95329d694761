import "server-only";
import { z } from "zod";
import { ApiError, notFound } from "@/lib/api/errors";
import type { UserCaller } from "@/lib/auth/types";
import { getUserById, getUsersByIds } from "@/lib/db/queries/users";
import type { AdminAuditAction } from "@/lib/db/schema";
import { applyUserChange, selectAuditLog, type UserChange } from "./store-user-admin";

/** PATCH /api/admin/users/{userId}: make or revoke a platform admin, disable or enable; at least one of them. */
export const userChangeSchema = z
  .object({ isPlatformAdmin: z.boolean().optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((v) => v.isPlatformAdmin !== undefined || v.disabled !== undefined, {
    message: "Send isPlatformAdmin and/or disabled (true or false)",
  });
export type UserChangeInput = z.infer<typeof userChangeSchema>;

/** A user's account state after an admin change, and which changes were made (none when it already was so). */
export interface UserChangeResult {
  user: { id: string; isPlatformAdmin: boolean; disabled: boolean; disabledAt: number | null };
  changed: AdminAuditAction[];
}

/**
 * Applies an admin's change to a user: 404 for an unknown user, 409 when admins would demote or disable themselves
 * (another admin must). Disabling ends every local session of the user at once; each change is one audit row.
 */
export async function changeUser(
  actor: UserCaller,
  targetUserId: string,
  input: UserChangeInput,
): Promise<UserChangeResult> {
  const target = await getUserById(targetUserId);
  if (!target) throw notFound("No user with that id");
  if (target.id === actor.userId && input.isPlatformAdmin === false) {
    throw new ApiError("CONFLICT", "You cannot revoke your own platform admin role: ask another platform admin");
  }
  if (target.id === actor.userId && input.disabled === true) {
    throw new ApiError("CONFLICT", "You cannot disable your own account: ask another platform admin");
  }
  const audit: UserChange["audit"] = [];
  const change: UserChange = { targetUserId: target.id, actorUserId: actor.userId, nowMs: Date.now(), audit };
  if (input.isPlatformAdmin !== undefined && input.isPlatformAdmin !== target.isPlatformAdmin) {
    change.isPlatformAdmin = input.isPlatformAdmin;
    audit.push({ action: input.isPlatformAdmin ? "grant-admin" : "revoke-admin" });
  }
  const wasDisabled = target.disabledAt !== null;
  if (input.disabled !== undefined && input.disabled !== wasDisabled) {
    change.disabled = input.disabled;
    audit.push({ action: input.disabled ? "disable" : "enable" });
  }
  if (audit.length > 0) await applyUserChange(change);
  const disabledAt = change.disabled === undefined ? target.disabledAt : change.disabled ? change.nowMs : null;
  return {
    user: {
      id: target.id,
      isPlatformAdmin: change.isPlatformAdmin ?? target.isPlatformAdmin,
      disabled: disabledAt !== null,
      disabledAt,
    },
    changed: audit.map((a) => a.action),
  };
}

/** One audit row as the admin users page shows it: who did what to whom, when. */
export interface AuditEntry {
  id: number;
  at: number;
  action: AdminAuditAction;
  actor: { id: string; displayName: string };
  target: { id: string; displayName: string };
}

/** The newest admin changes to users, with names (an id stands in for a user no longer in the directory). */
export async function listUserAudit(limit = 100): Promise<AuditEntry[]> {
  const rows = await selectAuditLog(limit);
  const names = new Map(
    (await getUsersByIds(rows.flatMap((r) => [r.actorUserId, r.targetUserId]))).map((u) => [u.id, u.displayName]),
  );
  const who = (id: string) => ({ id, displayName: names.get(id) ?? id });
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt,
    action: r.action,
    actor: who(r.actorUserId),
    target: who(r.targetUserId),
  }));
}
