import "server-only";
import type { SystemSummary } from "@/lib/api/contracts";
import type { SystemAccess } from "@/lib/auth";
import type { System } from "@/lib/db/schema";
import type { SystemSettings } from "./contracts";
import { selectSystemWithLastSuccess } from "./store";

/** The settings view of a system for one caller: its summary, vendor details, and what the caller may do. */
export function toSettings(
  system: System,
  access: Pick<SystemAccess, "role" | "canWrite" | "isOwner"> & { userId: string },
  lastSuccessMs: number | null,
): SystemSettings {
  const role: SystemSummary["role"] = system.ownerUserId === access.userId ? "owner" : access.role;
  return {
    id: system.id,
    displayName: system.displayName,
    alias: system.alias,
    vendorType: system.vendorType,
    status: system.status,
    displayTimezone: system.displayTimezone,
    isDefault: system.isDefault && system.ownerUserId === access.userId,
    role,
    lastSuccessMs,
    vendorSiteId: system.vendorSiteId,
    model: system.model,
    serial: system.serial,
    canWrite: access.canWrite,
    isOwner: access.isOwner,
  };
}

/** Re-reads a system and its last successful poll for a caller whose access was already checked. */
export async function loadSystemSettings(access: SystemAccess): Promise<SystemSettings> {
  const row = await selectSystemWithLastSuccess(access.system.id);
  const system = row?.s ?? access.system;
  return toSettings(system, { ...access, userId: access.caller.userId }, row?.lastSuccessMs ?? null);
}

/** The summary of a system as its owner sees it (the create response). */
export function ownerSummary(system: System, lastSuccessMs: number | null = null): SystemSummary {
  const {
    vendorSiteId: _s,
    model: _m,
    serial: _n,
    canWrite: _w,
    isOwner: _o,
    ...summary
  } = toSettings(system, { role: "owner", canWrite: true, isOwner: true, userId: system.ownerUserId }, lastSuccessMs);
  return summary;
}
