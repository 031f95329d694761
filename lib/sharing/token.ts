import "server-only";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { safeEqual } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";

/** How long an invitation link stays valid: 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
const PREFIX = "inv1";

// A key of its own, derived from ENCRYPTION_KEY, so an invitation MAC can never be confused with another use of it.
function signingKey(): Buffer {
  return createHmac("sha256", Buffer.from(getEnv().ENCRYPTION_KEY, "hex"))
    .update("solar-monitor/invitation-token/v1")
    .digest();
}

function mac(payload: string): string {
  return createHmac("sha256", signingKey()).update(payload).digest("base64url");
}

/** A new invitation token `inv1.<expiry base36>.<nonce>.<mac>`: 192 random bits, HMAC-signed with its expiry. */
export function mintInvitationToken(expiresAtMs: number): string {
  const payload = `${PREFIX}.${expiresAtMs.toString(36)}.${randomBytes(24).toString("base64url")}`;
  return `${payload}.${mac(payload)}`;
}

/** The expiry a token carries if its signature is genuine; null for anything malformed or forged. */
export function verifyInvitationToken(token: string): { expiresAtMs: number } | null {
  if (token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== PREFIX || !/^[0-9a-z]{1,12}$/.test(parts[1])) return null;
  if (!/^[A-Za-z0-9_-]{32}$/.test(parts[2]) || !safeEqual(parts[3], mac(parts.slice(0, 3).join(".")))) return null;
  const expiresAtMs = parseInt(parts[1], 36);
  return Number.isSafeInteger(expiresAtMs) ? { expiresAtMs } : null;
}

/** SHA-256 hex of a token: the only form the database keeps. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
