import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { createSystem } from "@/lib/systems/create-system";
import { findOwnSite } from "@/lib/systems/guards";
import { timezoneSchema } from "@/lib/systems/schemas";
import type { CreateSystemResponse, DiscoveredSiteInfo } from "@/lib/systems/contracts";
import { deletePending, loadPending } from "./pending";

/** GET /api/auth/enphase/systems?pending=<id> */
export const pendingQuerySchema = z.object({
  pending: z.string({ required_error: "pending is required" }).trim().min(8, "pending is not a valid id").max(100),
});

/** POST /api/auth/enphase/systems */
export const addSystemsSchema = z
  .object({
    pending: pendingQuerySchema.shape.pending,
    systemIds: z
      .array(z.union([z.string(), z.number()]).transform(String), { required_error: "Choose at least one system" })
      .min(1, "Choose at least one system")
      .max(50),
    /** Shown-in zone for all chosen systems; default each system's own Enphase time zone. */
    displayTimezone: timezoneSchema.optional(),
  })
  .strict();
export type AddSystemsInput = z.infer<typeof addSystemsSchema>;

/** One system of a connected Enphase account, as the setup page lists it. */
export interface PendingSystem {
  vendorSiteId: string;
  name: string;
  info?: DiscoveredSiteInfo;
  /** The caller already has it (choosing it again would be refused). */
  alreadyAdded: boolean;
}

/** The systems of a pending Enphase grant of `userId` (from the callback; no vendor call). */
export async function listPendingSystems(
  userId: string,
  pendingId: string,
  now = new Date(),
): Promise<{ systems: PendingSystem[] }> {
  const grant = await loadPending(pendingId, userId, now);
  const systems: PendingSystem[] = [];
  for (const s of grant.sites) {
    const existing = await findOwnSite(userId, "enphase", s.vendorSiteId);
    systems.push({ ...s, alreadyAdded: Boolean(existing && existing.status !== "removed") });
  }
  return { systems };
}

/**
 * Adds the chosen systems of a pending grant, each through createSystem (its own transaction: systems row,
 * polling_status and the encrypted token pair), so every system of one sign-in shares the grant. Every id is
 * checked first; the grant is forgotten once all are added. Returns what was created and what was refused.
 */
export async function addEnphaseSystems(
  userId: string,
  input: AddSystemsInput,
  now = new Date(),
): Promise<{ systems: CreateSystemResponse["system"][]; errors: Array<{ vendorSiteId: string; message: string }> }> {
  const grant = await loadPending(input.pending, userId, now);
  const ids = [...new Set(input.systemIds.map((s) => s.trim()))];
  const unknown = ids.filter((id) => !grant.sites.some((s) => s.vendorSiteId === id));
  if (unknown.length) {
    throw new ApiError("BAD_REQUEST", `Not in this Enphase account: ${unknown.join(", ")}`, { field: "systemIds" });
  }
  const created: CreateSystemResponse["system"][] = [];
  const errors: Array<{ vendorSiteId: string; message: string }> = [];
  for (const id of ids) {
    const site = grant.sites.find((s) => s.vendorSiteId === id)!;
    const zone = input.displayTimezone ?? validZone(site.info?.timezone) ?? "UTC";
    try {
      const res = await createSystem(
        userId,
        {
          vendorType: "enphase",
          vendorSiteId: id,
          displayName: site.name.slice(0, 80),
          displayTimezone: zone,
          credentials: grant.tokens,
        },
        now,
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
