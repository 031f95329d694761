import "server-only";
import { systemsByPushKeyHash, setPushKeyHash } from "@/lib/db/queries/push-keys";
import type { PipelineSystem } from "@/lib/db/queries/systems";
import { getEnv } from "@/lib/env";
import { hashSecret, randomSecret, safeEqual } from "@/lib/crypto/secrets";

/**
 * The push system of `vendorType` whose secret hashes to the presented key's hash, or null when none (or,
 * impossibly for random secrets, more than one) matches. Removed systems are returned too: the caller decides.
 */
export async function findSystemByPushKey(secret: string, vendorType: string): Promise<PipelineSystem | null> {
  const hash = hashSecret(secret);
  const found = await systemsByPushKeyHash(hash, vendorType);
  if (found.length !== 1) return null;
  const stored = (found[0].metadata as { pushKeyHash?: unknown } | null)?.pushKeyHash;
  return typeof stored === "string" && safeEqual(stored, hash) ? found[0] : null;
}

/**
 * Issues a new push secret for a system of a push vendor (the old one stops working at once) and returns it ONCE
 * with the push URL; only its hash is stored. Null when the system does not exist or is removed.
 */
export async function rotatePushKey(
  systemId: number,
  vendorType: string,
  now = new Date(),
): Promise<{ secret: string; url: string; rotatedAtMs: number } | null> {
  const secret = randomSecret(32);
  const nowMs = now.getTime();
  if (!(await setPushKeyHash(systemId, vendorType, hashSecret(secret), nowMs))) return null;
  return { secret, url: `${getEnv().APP_URL}/api/push/${vendorType}`, rotatedAtMs: nowMs };
}
