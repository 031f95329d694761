import "server-only";
import type { InStatement } from "@libsql/client";
import { and, asc, eq, ne } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { pointInfo, pollingStatus, systems, type PointInfo, type System } from "@/lib/db/schema";
import type { PointPatch } from "./fields";

/** A system's row and its last successful poll time, or undefined. */
export async function selectSystemWithLastSuccess(systemId: number) {
  const [row] = await getDb()
    .select({ s: systems, lastSuccessMs: pollingStatus.lastSuccessTime })
    .from(systems)
    .leftJoin(pollingStatus, eq(pollingStatus.systemId, systems.id))
    .where(eq(systems.id, systemId))
    .limit(1);
  return row;
}

/** Another system of the owner that uses the alias (aliases are unique per owner), or undefined. */
export async function findAliasClash(ownerUserId: string, alias: string, exceptSystemId?: number) {
  const [clash] = await getDb()
    .select({ id: systems.id, displayName: systems.displayName })
    .from(systems)
    .where(
      and(
        eq(systems.ownerUserId, ownerUserId),
        eq(systems.alias, alias),
        exceptSystemId === undefined ? undefined : ne(systems.id, exceptSystemId),
      ),
    )
    .limit(1);
  return clash;
}

/** The owner's row for a vendor site, in any status (the database keeps one per owner, vendor and site). */
export async function findOwnSite(
  ownerUserId: string,
  vendorType: string,
  vendorSiteId: string,
): Promise<System | null> {
  const [row] = await getDb()
    .select()
    .from(systems)
    .where(
      and(
        eq(systems.ownerUserId, ownerUserId),
        eq(systems.vendorType, vendorType),
        eq(systems.vendorSiteId, vendorSiteId),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Whether the owner already has a default system that is not removed. */
export async function hasDefaultSystem(ownerUserId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: systems.id })
    .from(systems)
    .where(and(eq(systems.ownerUserId, ownerUserId), eq(systems.isDefault, true), ne(systems.status, "removed")))
    .limit(1);
  return Boolean(row);
}

/** The systems columns a create (or revival) writes. */
export type SystemRowValues = Record<
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

function insertStatement(key: string[], row: SystemRowValues, nowMs: number): InStatement {
  const cols = Object.keys(row);
  return {
    sql:
      `INSERT INTO systems (owner_user_id, vendor_type, vendor_site_id, status, ${cols.join(", ")}, created_at) ` +
      `VALUES (?, ?, ?, 'active', ${cols.map(() => "?").join(", ")}, ?)`,
    args: [...key, ...Object.values(row), nowMs],
  };
}

function reviveStatement(id: number, row: SystemRowValues): InStatement {
  const cols = Object.keys(row);
  return {
    sql: `UPDATE systems SET status = 'active', ${cols.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`,
    args: [...Object.values(row), id],
  };
}

/**
 * Writes a new (or revived: `existingId`) system, its polling_status row and its encrypted credentials in ONE write
 * batch; with `makeDefault` any old default flag of the owner (only a removed system can still hold it) is cleared.
 */
export async function writeSystem(input: {
  ownerUserId: string;
  vendorType: string;
  vendorSiteId: string;
  existingId: number | null;
  row: SystemRowValues;
  makeDefault: boolean;
  credentials: string;
  state: string | null;
  nowMs: number;
}): Promise<void> {
  const { ownerUserId, row, nowMs } = input;
  const key = [ownerUserId, input.vendorType, input.vendorSiteId];
  const idOfSite = "(SELECT id FROM systems WHERE owner_user_id = ? AND vendor_type = ? AND vendor_site_id = ?)";
  const statements: InStatement[] = [];
  if (input.makeDefault) {
    statements.push({
      sql: "UPDATE systems SET is_default = 0 WHERE owner_user_id = ? AND is_default = 1",
      args: [ownerUserId],
    });
  }
  statements.push(
    input.existingId !== null ? reviveStatement(input.existingId, row) : insertStatement(key, row, nowMs),
  );
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
    args: [...key, ownerUserId, input.credentials, input.state, nowMs, nowMs],
  });
  await getDb().$client.batch(statements, "write");
}

/**
 * Sets columns of a system in one write batch; with `clearOtherDefault` the owner's previous default is cleared
 * in the same batch.
 */
export async function updateSystemColumns(
  system: Pick<System, "id" | "ownerUserId">,
  set: Record<string, string | number | null>,
  clearOtherDefault: boolean,
): Promise<void> {
  const statements: InStatement[] = [];
  if (clearOtherDefault) {
    statements.push({
      sql: "UPDATE systems SET is_default = 0 WHERE owner_user_id = ? AND is_default = 1 AND id <> ?",
      args: [system.ownerUserId, system.id],
    });
  }
  const cols = Object.keys(set);
  statements.push({
    sql: `UPDATE systems SET ${cols.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`,
    args: [...Object.values(set), system.id],
  });
  await getDb().$client.batch(statements, "write");
}

/** Marks a system removed (alias freed, not default, `metadata` saved) and deletes its credentials, in one batch. */
export async function markSystemRemoved(systemId: number, metadata: string, nowMs: number): Promise<void> {
  await getDb().$client.batch(
    [
      {
        sql: "UPDATE systems SET status = 'removed', alias = NULL, is_default = 0, metadata = ?, updated_at = ? WHERE id = ?",
        args: [metadata, nowMs, systemId],
      },
      { sql: "DELETE FROM vendor_credentials WHERE system_id = ?", args: [systemId] },
    ],
    "write",
  );
}

/** The end of a system's first stored 5-minute interval; null when it has none. */
export async function firstFiveMinuteEnd(systemId: number): Promise<number | null> {
  const res = await getDb().$client.execute({
    sql: "SELECT MIN(interval_end) AS first FROM point_readings_agg_5m WHERE system_id = ?",
    args: [systemId],
  });
  const first = res.rows[0]?.first;
  return first === null || first === undefined ? null : Number(first);
}

/** Every point_info row of a system (active or not), by id. */
export function selectSystemPoints(systemId: number): Promise<PointInfo[]> {
  return getDb().select().from(pointInfo).where(eq(pointInfo.systemId, systemId)).orderBy(asc(pointInfo.id));
}

const pointWhere = (systemId: number, pointId: number) =>
  and(eq(pointInfo.systemId, systemId), eq(pointInfo.id, pointId));

/** One point of a system, or undefined. */
export async function selectPoint(systemId: number, pointId: number): Promise<PointInfo | undefined> {
  const [row] = await getDb().select().from(pointInfo).where(pointWhere(systemId, pointId)).limit(1);
  return row;
}

/** A point of the system that uses the alias, or undefined. */
export async function findPointAlias(systemId: number, alias: string) {
  const [clash] = await getDb()
    .select({ id: pointInfo.id, displayName: pointInfo.displayName })
    .from(pointInfo)
    .where(and(eq(pointInfo.systemId, systemId), eq(pointInfo.alias, alias)))
    .limit(1);
  return clash;
}

/** Applies a point edit. */
export async function updatePointRow(systemId: number, pointId: number, patch: PointPatch, nowMs: number) {
  await getDb()
    .update(pointInfo)
    .set({ ...patch, updatedAt: nowMs })
    .where(pointWhere(systemId, pointId));
}
