import "server-only";
import { getDb } from "@/lib/db/client";
import { toPipelineSystem, type PipelineSystem } from "@/lib/db/queries/systems";

/** The indexed expression of migrations/0006_push_keys.sql; a lookup must use exactly this text to hit the index. */
const HASH_EXPR = "(CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.pushKeyHash') END)";

/**
 * The systems of `vendorType` whose stored push-key hash is `hash` (indexed lookup), at most two so a caller can
 * tell "exactly one" apart. Removed systems are returned too: the caller decides.
 */
export async function systemsByPushKeyHash(hash: string, vendorType: string): Promise<PipelineSystem[]> {
  const res = await getDb().$client.execute({
    sql: `SELECT * FROM systems WHERE ${HASH_EXPR} = ? AND vendor_type = ? LIMIT 2`,
    args: [hash, vendorType],
  });
  return res.rows.map((r) => toPipelineSystem(r as unknown as Record<string, unknown>));
}

/** Stores a new push-key hash on a system that is not removed; false when there is no such system. */
export async function setPushKeyHash(
  systemId: number,
  vendorType: string,
  hash: string,
  nowMs: number,
): Promise<boolean> {
  const res = await getDb().$client.execute({
    sql:
      "UPDATE systems SET metadata = json_set(CASE WHEN json_valid(metadata) THEN metadata ELSE '{}' END, " +
      "'$.pushKeyHash', ?, '$.pushKeyRotatedMs', ?), updated_at = ? " +
      "WHERE id = ? AND vendor_type = ? AND status <> 'removed' RETURNING id",
    args: [hash, nowMs, nowMs, systemId, vendorType],
  });
  return res.rows.length > 0;
}

/** Makes sure a push system has its polling_status row (created on its first push). */
export async function ensurePollingStatusRow(systemId: number, nowMs: number): Promise<void> {
  await getDb().$client.execute({
    sql: "INSERT INTO polling_status (system_id, updated_at) VALUES (?, ?) ON CONFLICT (system_id) DO NOTHING",
    args: [systemId, nowMs],
  });
}
