import "server-only";
import { randomUUID } from "node:crypto";
import type { SystemSummary } from "@/lib/api/contracts";
import { ApiError, notFound } from "@/lib/api/errors";
import type { SystemAccess, UserCaller } from "@/lib/auth/types";
import { getDb } from "@/lib/db/client";
import { getSystemRow, type PipelineSystem } from "@/lib/db/queries/systems";
import { isValidTimezone, standardOffsetMinutes } from "@/lib/time/zones";
import { buildMetadata, isLegacyRef, parseCompositeMetadata, sourceIdsOf } from "./metadata";
import { COMPOSITE_VENDOR, loadCompositeSystem, ownerCaller } from "./resolve";
import { rebuildSubscriptions } from "./subscriptions";
import type { CompositeCapacities, CompositeMappings, CreateCompositeInput, UpdateCompositeInput } from "./types";
import { validateMappings } from "./validate";

function checkZone(zone: string): void {
  if (!isValidTimezone(zone)) {
    throw new ApiError("BAD_REQUEST", `displayTimezone “${zone}” is not an IANA time zone, e.g. Australia/Melbourne`);
  }
}

async function checkAlias(ownerUserId: string, alias: string | null | undefined, exceptId?: number): Promise<void> {
  if (!alias) return;
  const res = await getDb().$client.execute({
    sql: "SELECT id FROM systems WHERE owner_user_id = ? AND alias = ? AND id <> ?",
    args: [ownerUserId, alias, exceptId ?? -1],
  });
  if (res.rows.length) throw new ApiError("CONFLICT", `You already have a system with the alias “${alias}”`);
}

/** A composite as the caller sees it in system lists (never polled, so no last successful poll). */
export async function compositeSummary(id: number, role: SystemSummary["role"]): Promise<SystemSummary> {
  const s = await getSystemRow(id);
  if (!s) throw notFound("Composite not found");
  return {
    id: s.id,
    displayName: s.displayName,
    alias: s.alias,
    vendorType: s.vendorType,
    status: s.status,
    displayTimezone: s.displayTimezone,
    isDefault: s.isDefault && role === "owner",
    role,
    lastSuccessMs: null,
  };
}

/**
 * Creates a composite owned by the caller after validating its mapping (nothing is written on a 400), then
 * rebuilds the subscription registry of its sources.
 */
export async function createComposite(user: UserCaller, input: CreateCompositeInput): Promise<SystemSummary> {
  checkZone(input.displayTimezone);
  await validateMappings(input.mappings, input.capacities, { editor: user, owner: user });
  await checkAlias(user.userId, input.alias);
  const now = Date.now();
  const metadata = buildMetadata(input.mappings, input.capacities);
  const res = await getDb().$client.execute({
    sql:
      "INSERT INTO systems (owner_user_id, vendor_type, vendor_site_id, status, display_name, alias, metadata, " +
      "timezone_offset_min, display_timezone, created_at, updated_at) VALUES (?,?,?,'active',?,?,?,?,?,?,?) RETURNING id",
    args: [
      user.userId,
      COMPOSITE_VENDOR,
      `composite-${randomUUID()}`,
      input.displayName,
      input.alias ?? null,
      JSON.stringify(metadata),
      standardOffsetMinutes(input.displayTimezone),
      input.displayTimezone,
      now,
      now,
    ],
  });
  const id = Number(res.rows[0].id);
  await rebuildSubscriptions(sourceIdsOf(parseCompositeMetadata(metadata)));
  return compositeSummary(id, "owner");
}

/**
 * Changes a composite's name, alias, zone, mapping or capacities (write access). A new mapping is validated for
 * the editor and the owner alike; capacities of points no longer mapped are dropped. Returns the stored system.
 */
export async function updateComposite(access: SystemAccess, input: UpdateCompositeInput): Promise<PipelineSystem> {
  const system = await loadCompositeSystem(access.system.id);
  if (!system) throw notFound("Composite not found");
  const current = parseCompositeMetadata(system.metadata);
  const touchesMapping = input.mappings !== undefined || input.capacities !== undefined;
  let metadata = system.metadata;
  if (touchesMapping) {
    const legacy = Object.values(current.mappings).some((refs) => refs.some(isLegacyRef));
    if (!input.mappings && legacy) {
      throw new ApiError("BAD_REQUEST", "This composite uses the version 1 format: send its mappings to convert it");
    }
    const mappings = input.mappings ?? (current.mappings as CompositeMappings);
    const capacities = input.capacities ?? keepMapped(current.capacities, mappings);
    const owner = await ownerCaller(system.ownerUserId);
    await validateMappings(mappings, capacities, { editor: access.caller, owner });
    metadata = buildMetadata(mappings, capacities);
  }
  if (input.displayTimezone !== undefined) checkZone(input.displayTimezone);
  if (input.alias !== undefined) await checkAlias(system.ownerUserId, input.alias, system.id);

  const zone = input.displayTimezone ?? system.displayTimezone;
  await getDb().$client.execute({
    sql:
      "UPDATE systems SET display_name = ?, alias = ?, metadata = ?, display_timezone = ?, timezone_offset_min = ?, " +
      "updated_at = ? WHERE id = ?",
    args: [
      input.displayName ?? system.displayName,
      input.alias !== undefined ? (input.alias ?? null) : access.system.alias,
      JSON.stringify(metadata),
      zone,
      standardOffsetMinutes(zone),
      Date.now(),
      system.id,
    ],
  });
  if (touchesMapping) {
    const after = sourceIdsOf(parseCompositeMetadata(metadata));
    await rebuildSubscriptions([...new Set([...sourceIdsOf(current), ...after])]);
  }
  return (await loadCompositeSystem(system.id))!;
}

function keepMapped(capacities: CompositeCapacities, mappings: CompositeMappings): CompositeCapacities {
  const mapped = new Set((mappings.battery ?? []).map((r) => `${r.systemId}:${r.pointId}`));
  return Object.fromEntries(Object.entries(capacities).filter(([k]) => mapped.has(k)));
}
