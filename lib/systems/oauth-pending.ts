import "server-only";
import { ApiError } from "@/lib/api/errors";
import { decryptJson, encryptJson, randomSecret } from "@/lib/crypto/secrets";
import { deleteOAuthPending, findOAuthPending, insertOAuthPending } from "@/lib/db/queries/oauth-pending";
import type { DiscoveredSite, VendorAdapter } from "@/lib/vendors/types";

/** How long a connected account waits for the user to choose its systems. */
export const PENDING_TTL_MS = 30 * 60_000;

/** What the callback keeps for the setup page: the credentials (token pair) and the account's sites, encrypted. */
export interface PendingGrant {
  credentials: Record<string, unknown>;
  sites: DiscoveredSite[];
}

/** Stores a grant of `vendor` for `userId` (and drops expired ones); returns its id for `/setup?pending=<id>`. */
export async function createPending(
  vendor: string,
  userId: string,
  grant: PendingGrant,
  now = new Date(),
): Promise<string> {
  const id = randomSecret(16);
  const nowMs = now.getTime();
  await insertOAuthPending({
    id,
    userId,
    vendor,
    payload: encryptJson(grant),
    expiresAtMs: nowMs + PENDING_TTL_MS,
    nowMs,
  });
  return id;
}

/** The grant of `id` if it belongs to `userId` and has not expired; 404 otherwise (no hint whose it is). */
export async function loadPending(
  adapter: Pick<VendorAdapter, "vendorType" | "displayName">,
  id: string,
  userId: string,
  now = new Date(),
): Promise<PendingGrant> {
  const payload = await findOAuthPending(id, userId, adapter.vendorType, now.getTime());
  if (payload === null) {
    const name = adapter.displayName;
    throw new ApiError("NOT_FOUND", `This ${name} connection has expired or is not yours: connect ${name} again`);
  }
  return decryptJson<PendingGrant>(payload);
}

/** Forgets a grant once its systems are added. */
export async function deletePending(id: string): Promise<void> {
  await deleteOAuthPending(id);
}
