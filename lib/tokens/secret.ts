import "server-only";
import { hashSecret, randomSecret } from "@/lib/crypto/secrets";

/** A new secret with its prefix, the SHA-256 the database keeps, and the few characters shown in lists. */
export function mintSecret(prefix: string): { secret: string; hash: string; shown: string } {
  const secret = `${prefix}${randomSecret(32)}`;
  return { secret, hash: hashSecret(secret), shown: secret.slice(0, prefix.length + 4) };
}

export { hashSecret };
