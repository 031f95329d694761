import "server-only";
import { ApiError, forbidden } from "@/lib/api/errors";
import type { SystemAccess } from "@/lib/auth";
import { clearLatestValues } from "@/lib/kv";
import { standardOffsetMinutes } from "@/lib/time/zones";
import type { SystemSettings } from "./contracts";
import { assertAliasFree, conflictFromConstraint } from "./guards";
import { loadSystemSettings } from "./read";
import { rebuildDailyForZone } from "./rebuild-daily";
import type { SystemPatch } from "./schemas";
import { markSystemRemoved, updateSystemColumns } from "./store";

/**
 * Applies a settings change for a caller with write access: name, alias (unique per owner), display time zone
 * (timezone_offset_min recomputed), status (active/disabled) and, for the owner only, the default flag (the
 * previous default is cleared in the same transaction).
 */
export async function updateSystemSettings(
  access: SystemAccess,
  patch: SystemPatch,
  now = new Date(),
): Promise<SystemSettings> {
  const { system, caller } = access;
  if (system.status === "removed") throw new ApiError("CONFLICT", "This system was removed; it cannot be changed");
  // The default is the owner's own choice: an admin or platform admin must not move it for them.
  if (patch.isDefault !== undefined && system.ownerUserId !== caller.userId) {
    throw forbidden("Only the system's owner can choose their default system");
  }
  if (patch.alias) await assertAliasFree(system.ownerUserId, patch.alias, system.id);

  const set: Record<string, string | number | null> = {};
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.alias !== undefined) set.alias = patch.alias;
  if (patch.displayTimezone !== undefined) {
    set.display_timezone = patch.displayTimezone;
    set.timezone_offset_min = standardOffsetMinutes(patch.displayTimezone);
  }
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.isDefault !== undefined) set.is_default = patch.isDefault ? 1 : 0;
  set.updated_at = now.getTime();

  try {
    await updateSystemColumns(system, set, Boolean(patch.isDefault));
  } catch (err) {
    conflictFromConstraint(err, patch.alias);
  }
  if (patch.displayTimezone !== undefined && patch.displayTimezone !== system.displayTimezone) {
    await rebuildDailyForZone(system.id, patch.displayTimezone, now.getTime());
  }
  return loadSystemSettings(access);
}

/**
 * Removes a system (owner only; the caller checks): status `removed`, polling stops, its stored credentials are
 * deleted, its alias is freed (kept in metadata) and it stops being the default. Readings stay, so adding the same
 * site again brings its history back.
 */
export async function removeSystem(access: SystemAccess, now = new Date()): Promise<void> {
  const { system } = access;
  if (system.status === "removed") return;
  const metadata = { ...(system.metadata ?? {}), removedAlias: system.alias, removedAtMs: now.getTime() };
  await markSystemRemoved(system.id, JSON.stringify(metadata), now.getTime());
  await clearLatestValues(system.id);
}
