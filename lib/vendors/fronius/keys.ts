import "server-only";
import { getDb } from "@/lib/db/client";
import { toPipelineSystem, type PipelineSystem } from "@/lib/db/queries/systems";
import { getEnv } from "@/lib/env";
import { hashSecret, randomSecret, safeEqual } from "@/lib/crypto/secrets";

/** The indexed expression of migrations/0006_push_keys.sql; a lookup must use exactly this text to hit the index. */
const HASH_EXPR = "(CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.pushKeyHash') END)";

/**
 * The system whose push secret hashes to the presented key's hash (indexed lookup), or null when none (or,
 * impossibly for random secrets, more than one) matches. Removed systems are returned too: the caller decides.
 */
export async function findSystemByPushKey(secret: string, vendorType = "fronius"): Promise<PipelineSystem | null> {
  const hash = hashSecret(secret);
  const res = await getDb().$client.execute({
    sql: `SELECT * FROM systems WHERE ${HASH_EXPR} = ? AND vendor_type = ? LIMIT 2`,
    args: [hash, vendorType],
  });
  if (res.rows.length !== 1) return null;
  const row = res.rows[0] as unknown as Record<string, unknown>;
  const stored = (toPipelineSystem(row).metadata as { pushKeyHash?: unknown } | null)?.pushKeyHash;
  return typeof stored === "string" && safeEqual(stored, hash) ? toPipelineSystem(row) : null;
}

/**
 * Issues a new push secret for a system (the old one stops working at once) and returns it ONCE with the push
 * URL; only its hash is stored. Null when the system does not exist or is removed.
 */
export async function rotatePushKey(
  systemId: number,
  vendorType = "fronius",
  now = new Date(),
): Promise<{ secret: string; url: string; rotatedAtMs: number } | null> {
  const secret = randomSecret(32);
  const nowMs = now.getTime();
  const res = await getDb().$client.execute({
    sql:
      "UPDATE systems SET metadata = json_set(CASE WHEN json_valid(metadata) THEN metadata ELSE '{}' END, " +
      "'$.pushKeyHash', ?, '$.pushKeyRotatedMs', ?), updated_at = ? " +
      "WHERE id = ? AND vendor_type = ? AND status <> 'removed' RETURNING id",
    args: [hashSecret(secret), nowMs, nowMs, systemId, vendorType],
  });
  if (!res.rows.length) return null;
  return { secret, url: `${getEnv().APP_URL}/api/push/${vendorType}`, rotatedAtMs: nowMs };
}
