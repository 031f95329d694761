import "server-only";
import type { InStatement } from "@libsql/client";
import { ApiError } from "@/lib/api/errors";
import { encryptJson, randomSecret } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db/client";
import type { System } from "@/lib/db/schema";
import { standardOffsetMinutes } from "@/lib/time/zones";
import type { SystemInfo } from "@/lib/vendors/types";
import type { CreateSystemResponse } from "./contracts";
import { runCreateHook } from "./create-hooks";
import { assertAliasFree, assertSiteFree, conflictFromConstraint, findOwnSite, hasDefaultSystem } from "./guards";
import { ownerSummary } from "./read";
import type { CreateSystemInput } from "./schemas";
import { checkConnection, recordSetupTest, type ConnectionCheck } from "./test-connection";
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
  const row: RowValues = {
    display_name: input.displayName,
    alias: input.alias ?? null,
    model: info?.model ?? null,
    serial: info?.serial ?? null,
    ratings: info?.ratings ?? null,
    solar_size: info?.solarSize ?? null,
    battery_size: info?.batterySize ?? null,
    location: info?.location ? JSON.stringify(info.location) : null,
    metadata: metadataJson(existing, hook.metadata),
    timezone_offset_min: standardOffsetMinutes(input.displayTimezone),
    display_timezone: input.displayTimezone,
    is_default: makeDefault ? 1 : 0,
    updated_at: nowMs,
  };
  const key = [ownerUserId, adapter.vendorType, siteId];
  const idOfSite = "(SELECT id FROM systems WHERE owner_user_id = ? AND vendor_type = ? AND vendor_site_id = ?)";
  const statements: InStatement[] = [];
  // Only a removed system can still hold the flag here (hasDefaultSystem said no live default).
  if (makeDefault) {
    statements.push({
      sql: "UPDATE systems SET is_default = 0 WHERE owner_user_id = ? AND is_default = 1",
      args: [ownerUserId],
    });
  }
  statements.push(existing ? reviveStatement(existing.id, row) : insertStatement(key, row, nowMs));
  statements.push({
    sql:
      `INSERT INTO polling_status (system_id, updated_at) VALUES (${idOfSite}, ?) ON CONFLICT (system_id) DO UPDATE SET ` +
      "consecutive_errors = 0, next_poll_at = NULL, last_error = NULL, last_error_code = NULL, lease_owner = NULL, " +
      "lease_until = NULL, updated_at = excluded.updated_at",
    args: [...key, nowMs],
  });
  statements.push({
    sql:
      "INSERT INTO vendor_credentials (system_id, owner_user_id, credentials, state, created_at, updated_at) " +
      `VALUES (${idOfSite}, ?, ?, ?, ?, ?) ON CONFLICT (system_id) DO UPDATE SET owner_user_id = excluded.owner_user_id, ` +
      "credentials = excluded.credentials, state = excluded.state, updated_at = excluded.updated_at",
    args: [...key, ownerUserId, encryptJson(credentials), state ? encryptJson(state) : null, nowMs, nowMs],
  });
  try {
    await getDb().$client.batch(statements, "write");
  } catch (err) {
    conflictFromConstraint(err, input.alias);
  }
  const created = (await findOwnSite(ownerUserId, adapter.vendorType, siteId)) as System;
  if (check) await recordSetupTest(created.id, adapter.vendorType, check);
  return { system: ownerSummary(created), ...(hook.push ? { push: hook.push } : {}) };
}

type RowValues = Record<
  | "display_name"
  | "alias"
  | "model"
  | "serial"
  | "ratings"
  | "solar_size"
  | "battery_size"
  | "location"
  | "metadata"
  | "timezone_offset_min"
  | "display_timezone"
  | "is_default"
  | "updated_at",
  string | number | null
>;

function insertStatement(key: string[], row: RowValues, nowMs: number): InStatement {
  const cols = Object.keys(row);
  return {
    sql:
      `INSERT INTO systems (owner_user_id, vendor_type, vendor_site_id, status, ${cols.join(", ")}, created_at) ` +
      `VALUES (?, ?, ?, 'active', ${cols.map(() => "?").join(", ")}, ?)`,
    args: [...key, ...Object.values(row), nowMs],
  };
}

function reviveStatement(id: number, row: RowValues): InStatement {
  const cols = Object.keys(row);
  return {
    sql: `UPDATE systems SET status = 'active', ${cols.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`,
    args: [...Object.values(row), id],
  };
}

/** A revived system keeps its old metadata (minus the removal note); the hook's values win. */
function metadataJson(existing: System | null, added: Record<string, unknown> | undefined): string | null {
  const { removedAlias: _r, removedAtMs: _t, ...kept } = existing?.metadata ?? {};
  const merged = { ...kept, ...added };
  return Object.keys(merged).length ? JSON.stringify(merged) : null;
}
