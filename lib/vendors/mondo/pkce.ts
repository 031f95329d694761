import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A PKCE pair (RFC 7636): a random verifier and its S256 challenge. */
export interface PkcePair {
  verifier: string;
  challenge: string;
}

// No PKCE library is installed (oauth4webapi is not available); node:crypto does exactly what RFC 7636 asks:
// 32 random bytes → a 43-character base64url verifier, challenge = base64url(SHA-256(verifier)).
/** A fresh PKCE pair; call once per login, never reuse. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: pkceChallenge(verifier) };
}

/** The S256 challenge of a verifier. */
export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}
