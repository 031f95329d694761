import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { randomSecret, safeEqual } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";

/**
 * The OAuth `state` parameter: `<payload b64url>.<HMAC-SHA256 b64url>`, signed with a key derived from
 * ENCRYPTION_KEY (HKDF, so no extra secret to configure). It names the provider and the signed-in user, carries
 * a random nonce also set in an httpOnly cookie (binding it to this browser), and expires.
 */

/** How long a user has to approve at the vendor. */
export const STATE_TTL_MS = 10 * 60_000;

export interface StatePayload {
  provider: string;
  userId: string;
  nonce: string;
  expiresAtMs: number;
}

export type StateCheck =
  | { ok: true; payload: StatePayload }
  | { ok: false; reason: "invalid" | "expired" | "wrong_provider" | "wrong_user" | "wrong_browser" };

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(getEnv().ENCRYPTION_KEY, "hex"), "", "oauth-state-v1", 32));
}

const mac = (data: string) => createHmac("sha256", key()).update(data).digest("base64url");

/** A fresh nonce and the signed state carrying it, for `userId` at `provider`, valid for STATE_TTL_MS. */
export function createState(provider: string, userId: string, now = new Date()): { state: string; nonce: string } {
  const nonce = randomSecret(18);
  const payload: StatePayload = { provider, userId, nonce, expiresAtMs: now.getTime() + STATE_TTL_MS };
  const data = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return { state: `${data}.${mac(data)}`, nonce };
}

/** Reads a state without trusting it yet: the payload when the signature is right, else null. */
export function readState(state: string | null | undefined): StatePayload | null {
  const [data, sig, extra] = (state ?? "").split(".");
  if (!data || !sig || extra !== undefined || !safeEqual(sig, mac(data))) return null;
  try {
    const p = JSON.parse(Buffer.from(data, "base64url").toString("utf8")) as StatePayload;
    const valid =
      typeof p.provider === "string" &&
      typeof p.userId === "string" &&
      typeof p.nonce === "string" &&
      typeof p.expiresAtMs === "number";
    return valid ? p : null;
  } catch {
    return null;
  }
}

/**
 * Checks a state returned to a callback: signed by us, not expired, for this provider, for the user now signed
 * in, and carrying the nonce of this browser's cookie. Anything else is refused with the reason.
 */
export function verifyState(
  state: string | null | undefined,
  expected: { provider: string; userId: string | null; nonce: string | undefined; now?: Date },
): StateCheck {
  const p = readState(state);
  if (!p) return { ok: false, reason: "invalid" };
  if (p.expiresAtMs < (expected.now ?? new Date()).getTime()) return { ok: false, reason: "expired" };
  if (p.provider !== expected.provider) return { ok: false, reason: "wrong_provider" };
  if (expected.userId === null || p.userId !== expected.userId) return { ok: false, reason: "wrong_user" };
  if (!expected.nonce || !safeEqual(p.nonce, expected.nonce)) return { ok: false, reason: "wrong_browser" };
  return { ok: true, payload: p };
}

/** A sentence for each refusal, shown with the 400. */
export const STATE_MESSAGES: Record<Exclude<StateCheck, { ok: true }>["reason"], string> = {
  invalid: "This sign-in link is not valid (the state was altered or not issued by us); start again from Setup",
  expired: "This sign-in link has expired (10 minutes); start again from Setup",
  wrong_provider: "This sign-in link belongs to another provider; start again from Setup",
  wrong_user: "This sign-in link was started by a different user; sign in as that user or start again from Setup",
  wrong_browser: "This sign-in link was started in another browser or its cookie is missing; start again from Setup",
};
