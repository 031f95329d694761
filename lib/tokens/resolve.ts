import "server-only";
import type { ApiTokenRow, ShareLinkRow } from "@/lib/db/schema";
import { SECRET_RE, SHARE_PREFIX, TOKEN_PREFIX } from "./scopes";
import { hashSecret } from "./secret";
import { findTokenByHash, touchToken } from "./store-tokens";
import { findShareLinkByHash, touchShareLink } from "./store-share-links";

export type ResolvedSecret = { kind: "token"; row: ApiTokenRow } | { kind: "share"; row: ShareLinkRow };

const live = (row: { expiresAt: number; revokedAt: number | null }, nowMs: number) =>
  row.revokedAt === null && row.expiresAt > nowMs;

/**
 * The token or share link a secret names, if it exists, is unexpired and unrevoked; null otherwise (all alike).
 * Records the use (at most once a minute).
 */
export async function resolveSecret(secret: string, nowMs = Date.now()): Promise<ResolvedSecret | null> {
  if (!SECRET_RE.test(secret)) return null;
  const hash = hashSecret(secret);
  if (secret.startsWith(TOKEN_PREFIX)) {
    const row = await findTokenByHash(hash);
    if (!row || !live(row, nowMs)) return null;
    if (row.lastUsedAt === null || row.lastUsedAt < nowMs - 60_000) await touchToken(row.id, nowMs);
    return { kind: "token", row };
  }
  if (secret.startsWith(SHARE_PREFIX)) {
    const row = await findShareLinkByHash(hash);
    if (!row || !live(row, nowMs)) return null;
    if (row.lastUsedAt === null || row.lastUsedAt < nowMs - 60_000) await touchShareLink(row.id, nowMs);
    return { kind: "share", row };
  }
  return null;
}
