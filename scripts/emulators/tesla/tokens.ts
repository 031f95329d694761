import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Stateless emulator tokens (codes, access and refresh tokens): a signed payload, so they stay valid across
 * emulator restarts. Rotation is enforced by remembering used ids.
 */
const SIGNING_KEY = "tesla-emulator-signing-key (not a secret: local emulator only)";

export type TokenKind = "code" | "access" | "refresh";

export interface TokenClaims {
  kind: TokenKind;
  uid: string;
  /** Granted scopes, space separated. */
  scope: string;
  /** Expiry, ms on the emulator clock. */
  exp: number;
  jti: string;
  clientId?: string;
  redirectUri?: string;
}

const sign = (data: string) => createHmac("sha256", SIGNING_KEY).update(data).digest("base64url");

/** Issues a token with a fresh id. */
export function issueToken(claims: Omit<TokenClaims, "jti">): string {
  const payload = Buffer.from(JSON.stringify({ ...claims, jti: randomBytes(9).toString("base64url") })).toString(
    "base64url",
  );
  return `tsla.${payload}.${sign(payload)}`;
}

/** The claims of a well-formed, correctly signed token of `kind`, or null (expiry is the caller's check). */
export function readToken(token: string | null | undefined, kind: TokenKind): TokenClaims | null {
  const [prefix, payload, sig] = (token ?? "").split(".");
  if (prefix !== "tsla" || !payload || !sig) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TokenClaims;
    return claims.kind === kind ? claims : null;
  } catch {
    return null;
  }
}
