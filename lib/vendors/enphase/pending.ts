import "server-only";
import { ApiError } from "@/lib/api/errors";
import { decryptJson, encryptJson, randomSecret } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db/client";
import type { DiscoveredSite } from "../types";
import type { EnphaseTokens } from "./tokens";

/** How long a connected account waits for the user to choose its systems. */
export const PENDING_TTL_MS = 30 * 60_000;

/** What the callback keeps for the setup page: the token pair and the account's systems (encrypted at rest). */
export interface PendingGrant {
  tokens: EnphaseTokens;
  sites: DiscoveredSite[];
}

/** Stores a grant for `userId` (and drops expired ones); returns its id for `/setup?pending=<id>`. */
export async function createPending(userId: string, grant: PendingGrant, now = new Date()): Promise<string> {
  const id = randomSecret(16);
  const nowMs = now.getTime();
  await getDb().$client.batch(
    [
      { sql: "DELETE FROM oauth_pending WHERE expires_at < ?", args: [nowMs] },
      {
        sql: "INSERT INTO oauth_pending (id, user_id, vendor, payload, expires_at, created_at) VALUES (?, ?, 'enphase', ?, ?, ?)",
        args: [id, userId, encryptJson(grant), nowMs + PENDING_TTL_MS, nowMs],
      },
    ],
    "write",
  );
  return id;
}

/** The grant of `id` if it belongs to `userId` and has not expired; 404 otherwise (no hint whose it is). */
export async function loadPending(id: string, userId: string, now = new Date()): Promise<PendingGrant> {
  const res = await getDb().$client.execute({
    sql: "SELECT payload FROM oauth_pending WHERE id = ? AND user_id = ? AND vendor = 'enphase' AND expires_at >= ?",
    args: [id, userId, now.getTime()],
  });
  const row = res.rows[0];
  if (!row)
    throw new ApiError("NOT_FOUND", "This Enphase connection has expired or is not yours: connect Enphase again");
  return decryptJson<PendingGrant>(String(row.payload));
}

/** Forgets a grant once its systems are added. */
export async function deletePending(id: string): Promise<void> {
  await getDb().$client.execute({ sql: "DELETE FROM oauth_pending WHERE id = ?", args: [id] });
}
