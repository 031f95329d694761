import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { createSystem } from "./create-system";
import type { CreateSystemResponse, DiscoveredDevice, DiscoveredSiteInfo } from "./contracts";
import { findOwnSite } from "./guards";
import type { OAuthAdapter } from "./oauth-connect";
import { deletePending, loadPending } from "./oauth-pending";
import { timezoneSchema } from "./schemas";

/** GET /api/auth/<vendor>/systems?pending=<id> */
export const pendingQuerySchema = z.object({
  pending: z.string({ required_error: "pending is required" }).trim().min(8, "pending is not a valid id").max(100),
});

/** POST /api/auth/<vendor>/systems */
export const addSystemsSchema = z
  .object({
    pending: pendingQuerySchema.shape.pending,
    systemIds: z
      .array(z.union([z.string(), z.number()]).transform(String), { required_error: "Choose at least one system" })
      .min(1, "Choose at least one system")
      .max(50),
    /** Shown-in zone for all chosen systems; default each system's own time zone at the vendor. */
    displayTimezone: timezoneSchema.optional(),
    /** Per chosen system id, the ids of its discovered devices to attach (default: all of them). */
    devices: z.record(z.array(z.string().trim().min(1).max(64)).max(50)).optional(),
  })
  .strict();
export type AddSystemsInput = z.infer<typeof addSystemsSchema>;

/** One system of a connected vendor account, as the setup page lists it. */
export interface PendingSystem {
  vendorSiteId: string;
  name: string;
  info?: DiscoveredSiteInfo;
  /** Devices that can be attached to it (cars charging at this home). */
  devices?: DiscoveredDevice[];
  /** The caller already has it (choosing it again would be refused). */
  alreadyAdded: boolean;
}

/** The systems of a pending grant of `userId` (from the callback; no vendor call). */
export async function listPendingSystems(
  adapter: OAuthAdapter,
  userId: string,
  pendingId: string,
  now = new Date(),
): Promise<{ systems: PendingSystem[] }> {
  const grant = await loadPending(adapter, pendingId, userId, now);
  const systems: PendingSystem[] = [];
  for (const s of grant.sites) {
    const existing = await findOwnSite(userId, adapter.vendorType, s.vendorSiteId);
    systems.push({ ...s, alreadyAdded: Boolean(existing && existing.status !== "removed") });
  }
  return { systems };
}

/**
 * Adds the chosen systems of a pending grant, each through createSystem (its own transaction: systems row,
 * polling_status and the encrypted credentials), so every system of one sign-in shares the grant. Every id is
 * checked first; the grant is forgotten once all are added. Returns what was created and what was refused.
 */
export async function addPendingSystems(
  adapter: OAuthAdapter,
  userId: string,
  input: AddSystemsInput,
  now = new Date(),
): Promise<{ systems: CreateSystemResponse["system"][]; errors: Array<{ vendorSiteId: string; message: string }> }> {
  const grant = await loadPending(adapter, input.pending, userId, now);
  const ids = [...new Set(input.systemIds.map((s) => s.trim()))];
  const unknown = ids.filter((id) => !grant.sites.some((s) => s.vendorSiteId === id));
  if (unknown.length) {
    throw new ApiError("BAD_REQUEST", `Not in this ${adapter.displayName} account: ${unknown.join(", ")}`, {
      field: "systemIds",
    });
  }
  for (const [siteId, chosen] of Object.entries(input.devices ?? {})) {
    const known = new Set((grant.sites.find((s) => s.vendorSiteId === siteId)?.devices ?? []).map((d) => d.id));
    const bad = chosen.filter((d) => !known.has(d));
    if (!ids.includes(siteId) || bad.length) {
      throw new ApiError("BAD_REQUEST", `Not a device of ${siteId} in this ${adapter.displayName} account`, {
        field: "devices",
      });
    }
  }
  const created: CreateSystemResponse["system"][] = [];
  const errors: Array<{ vendorSiteId: string; message: string }> = [];
  for (const id of ids) {
    const site = grant.sites.find((s) => s.vendorSiteId === id)!;
    const zone = input.displayTimezone ?? validZone(site.info?.timezone) ?? "UTC";
    const deviceIds = site.devices ? (input.devices?.[id] ?? site.devices.map((d) => d.id)) : undefined;
    try {
      const res = await createSystem(
        userId,
        {
          vendorType: adapter.vendorType,
          vendorSiteId: id,
          displayName: site.name.slice(0, 80),
          displayTimezone: zone,
          credentials: grant.credentials,
        },
        now,
        deviceIds ? { metadata: { deviceIds } } : undefined,
      );
      created.push(res.system);
    } catch (err) {
      if (!(err instanceof ApiError) || (created.length === 0 && ids.length === 1)) throw err;
      errors.push({ vendorSiteId: id, message: err.message });
    }
  }
  if (!created.length && errors.length)
    throw new ApiError("BAD_REQUEST", errors.map((e) => `${e.vendorSiteId}: ${e.message}`).join("; "));
  if (!errors.length) await deletePending(input.pending);
  return { systems: created, errors };
}

function validZone(zone: string | null | undefined): string | undefined {
  return zone && timezoneSchema.safeParse(zone).success ? zone : undefined;
}
