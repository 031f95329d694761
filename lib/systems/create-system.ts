import "server-only";
import { ApiError } from "@/lib/api/errors";
import { encryptJson, randomSecret } from "@/lib/crypto/secrets";
import type { System } from "@/lib/db/schema";
import { standardOffsetMinutes } from "@/lib/time/zones";
import type { SystemInfo } from "@/lib/vendors/types";
import type { CreateSystemResponse } from "./contracts";
import { runCreateHook } from "./create-hooks";
import { assertAliasFree, assertSiteFree, conflictFromConstraint } from "./guards";
import { ownerSummary } from "./read";
import type { CreateSystemInput } from "./schemas";
import { checkConnection, recordSetupTest, type ConnectionCheck } from "./test-connection";
import { findOwnSite, hasDefaultSystem, writeSystem, type SystemRowValues } from "./store";
import { parseCredentials, requireAdapter } from "./vendors";

/**
 * Creates a system for `ownerUserId`: validates the credentials with the vendor's schema, re-checks them with the
 * vendor (and that the chosen site is in the account), then writes the systems row, its polling_status row and its
 * encrypted credentials in ONE transaction, then logs the re-check as the system's first session. The first system
 * of an owner becomes their default. A site the owner removed earlier is brought back (same id, history kept). Push
 * vendors get their secret once in the response.
 */
export async function createSystem(
  ownerUserId: string,
  input: CreateSystemInput,
  now = new Date(),
  /** Metadata chosen in setup (the devices attached to an OAuth site); the create hook's values win. */
  extra: { metadata?: Record<string, unknown> } = {},
): Promise<CreateSystemResponse> {
  const adapter = requireAdapter(input.vendorType);
  if (adapter.mode === "virtual") {
    throw new ApiError("BAD_REQUEST", `${adapter.displayName} systems are built from other systems on their own page`);
  }
  const credentials = parseCredentials(adapter, input.credentials);
  if (input.alias) await assertAliasFree(ownerUserId, input.alias);

  let siteId = input.vendorSiteId;
  let info: SystemInfo | undefined;
  let state: Record<string, unknown> | null | undefined;
  let check: ConnectionCheck | undefined;
  if (adapter.testConnection) {
    if (!siteId)
      throw new ApiError("BAD_REQUEST", "Choose which site to add (vendorSiteId)", { field: "vendorSiteId" });
    await assertSiteFree(ownerUserId, adapter.vendorType, siteId);
    check = await checkConnection(adapter, credentials, siteId, now);
    const site = check.response.sites.find((s) => s.vendorSiteId === siteId);
    if (!site) {
      const found = check.response.sites.map((s) => `${s.vendorSiteId} (${s.name})`).join(", ") || "none";
      throw new ApiError(
        "BAD_REQUEST",
        `Site ${siteId} is not in this ${adapter.displayName} account; found: ${found}`,
        {
          field: "vendorSiteId",
        },
      );
    }
    info = check.site?.vendorSiteId === siteId ? check.site.info : site.info;
    state = check.state;
  } else {
    // Push vendors have nothing to discover: the site id is ours, and the push secret identifies the system.
    siteId ??= `${adapter.vendorType}-${randomSecret(6)}`;
  }
  const existing = await assertSiteFree(ownerUserId, adapter.vendorType, siteId);
  const hook = await runCreateHook({ adapter, ownerUserId, vendorSiteId: siteId, credentials });
  const makeDefault = !(await hasDefaultSystem(ownerUserId));

  const nowMs = now.getTime();
  const row: SystemRowValues = {
    display_name: input.displayName,
    alias: input.alias ?? null,
    model: info?.model ?? null,
    serial: info?.serial ?? null,
    ratings: info?.ratings ?? null,
    solar_size: info?.solarSize ?? null,
    battery_size: info?.batterySize ?? null,
    location: info?.location ? JSON.stringify(info.location) : null,
    metadata: metadataJson(existing, { ...extra.metadata, ...hook.metadata }),
    timezone_offset_min: standardOffsetMinutes(input.displayTimezone),
    display_timezone: input.displayTimezone,
    is_default: makeDefault ? 1 : 0,
    updated_at: nowMs,
  };
  try {
    await writeSystem({
      ownerUserId,
      vendorType: adapter.vendorType,
      vendorSiteId: siteId,
      existingId: existing?.id ?? null,
      row,
      makeDefault,
      credentials: encryptJson(credentials),
      state: state ? encryptJson(state) : null,
      nowMs,
    });
  } catch (err) {
    conflictFromConstraint(err, input.alias);
  }
  const created = (await findOwnSite(ownerUserId, adapter.vendorType, siteId)) as System;
  if (check) await recordSetupTest(created.id, adapter.vendorType, check);
  return { system: ownerSummary(created), ...(hook.push ? { push: hook.push } : {}) };
}

/** A revived system keeps its old metadata (minus the removal note); the hook's values win. */
function metadataJson(existing: System | null, added: Record<string, unknown> | undefined): string | null {
  const { removedAlias: _r, removedAtMs: _t, ...kept } = existing?.metadata ?? {};
  const merged = { ...kept, ...added };
  return Object.keys(merged).length ? JSON.stringify(merged) : null;
}
