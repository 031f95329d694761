import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

/**
 * AES-256-GCM for secrets at rest. Ciphertext format: `v1.<keyId>.<iv b64url>.<tag b64url>.<data b64url>`.
 * The key id lets ENCRYPTION_KEY rotate: old keys stay readable through ENCRYPTION_KEYS_PREVIOUS (`id:hex,…`).
 */
function keyring(): { currentId: string; keys: Map<string, Buffer> } {
  const env = getEnv();
  const keys = new Map<string, Buffer>([[env.ENCRYPTION_KEY_ID, Buffer.from(env.ENCRYPTION_KEY, "hex")]]);
  for (const entry of (env.ENCRYPTION_KEYS_PREVIOUS ?? "").split(",").filter(Boolean)) {
    const [id, hex] = entry.split(":");
    if (id && hex && /^[0-9a-f]{64}$/i.test(hex)) keys.set(id, Buffer.from(hex, "hex"));
  }
  return { currentId: env.ENCRYPTION_KEY_ID, keys };
}

/** Encrypts a JSON-serialisable value with the current key. */
export function encryptJson(value: unknown): string {
  const { currentId, keys } = keyring();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.get(currentId)!, iv);
  cipher.setAAD(Buffer.from(currentId));
  const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return [
    "v1",
    currentId,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    data.toString("base64url"),
  ].join(".");
}

/** Decrypts a value from encryptJson; throws if the key is unknown or the ciphertext was tampered with. */
export function decryptJson<T = unknown>(ciphertext: string): T {
  const [version, keyId, iv, tag, data] = ciphertext.split(".");
  if (version !== "v1" || !keyId || !iv || !tag || data === undefined)
    throw new Error("Unrecognised ciphertext format");
  const key = keyring().keys.get(keyId);
  if (!key) throw new Error(`Encryption key '${keyId}' is not configured (ENCRYPTION_KEYS_PREVIOUS)`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const plain = Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]);
  return JSON.parse(plain.toString("utf8")) as T;
}

/** The id of the key a ciphertext was written with (to find rows that need re-encryption). */
export function keyIdOf(ciphertext: string): string | undefined {
  return ciphertext.split(".")[1];
}

/** SHA-256 hex of a secret (for push API keys, stored hashed). */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/** A random URL-safe secret of `bytes` bytes of entropy. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
