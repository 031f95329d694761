import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { System } from "@/lib/db/schema";
import { findAliasClash, findOwnSite } from "./store";

export { findOwnSite, hasDefaultSystem } from "./store";

/** 409 when another system of the same owner already uses the alias (aliases are unique per owner). */
export async function assertAliasFree(ownerUserId: string, alias: string, exceptSystemId?: number): Promise<void> {
  const clash = await findAliasClash(ownerUserId, alias, exceptSystemId);
  if (clash) throw aliasTaken(alias, clash.displayName);
}

/** The 409 for an alias already in use. */
export function aliasTaken(alias: string, byName?: string): ApiError {
  const by = byName ? ` by “${byName}”` : "";
  return new ApiError("CONFLICT", `The alias “${alias}” is already used${by}; choose another`, { field: "alias" });
}

/** 409 unless the site is new for this owner or was removed (a removed site is brought back, history and all). */
export async function assertSiteFree(
  ownerUserId: string,
  vendorType: string,
  vendorSiteId: string,
): Promise<System | null> {
  const existing = await findOwnSite(ownerUserId, vendorType, vendorSiteId);
  if (existing && existing.status !== "removed") {
    throw new ApiError("CONFLICT", `You have already added this site as “${existing.displayName}”`, {
      field: "vendorSiteId",
      systemId: existing.id,
    });
  }
  return existing;
}

/** Maps a unique-index violation of the systems table (a race the checks above lost) to a 409; else rethrows. */
export function conflictFromConstraint(err: unknown, alias?: string | null): never {
  const message = err instanceof Error ? err.message : String(err);
  if (/UNIQUE constraint failed: systems\.owner_user_id, systems\.alias/.test(message)) throw aliasTaken(alias ?? "");
  if (/UNIQUE constraint failed: systems\.owner_user_id, systems\.vendor_type/.test(message)) {
    throw new ApiError("CONFLICT", "You have already added this site", { field: "vendorSiteId" });
  }
  if (/UNIQUE constraint failed: systems\.owner_user_id$/m.test(message) || /systems_default_unique/.test(message)) {
    throw new ApiError("CONFLICT", "Another change to your default system happened at the same time; try again");
  }
  throw err;
}
