import "server-only";
import { decryptJson } from "@/lib/crypto/secrets";
import type { VendorAdapter } from "@/lib/vendors/types";

/** A system that cannot be polled until someone fixes its configuration (session error code CONFIG). */
export class ConfigError extends Error {
  readonly code = "CONFIG";
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Decrypts and validates a system's stored credentials and vendor state; throws ConfigError when unusable. */
export function openCredentials(
  adapter: VendorAdapter,
  encCredentials: string | null,
  encState: string | null,
  systemId: number,
): { credentials: Record<string, unknown>; state: Record<string, unknown> | null } {
  let credentials: unknown = {};
  if (encCredentials === null) {
    if (adapter.credentialFields.length) {
      throw new ConfigError("No credentials are stored for this system: reconnect it from its settings page");
    }
  } else {
    try {
      credentials = decryptJson(encCredentials);
    } catch (err) {
      throw new ConfigError(
        `Stored credentials cannot be decrypted (${(err as Error).message}); was ENCRYPTION_KEY changed without ` +
          "ENCRYPTION_KEYS_PREVIOUS? Reconnect the system or restore the key",
      );
    }
  }
  const parsed = adapter.credentialsSchema.safeParse(credentials);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".") || "credentials").join(", ");
    throw new ConfigError(`Stored credentials are incomplete or invalid (${fields}): reconnect the system`);
  }
  let state: Record<string, unknown> | null = null;
  if (encState) {
    try {
      state = decryptJson<Record<string, unknown>>(encState);
    } catch {
      // State is only a cache of vendor sessions: start a fresh one rather than fail the poll.
      console.warn(JSON.stringify({ level: "warn", message: "vendor state undecryptable; starting fresh", systemId }));
    }
  }
  return { credentials: parsed.data as Record<string, unknown>, state };
}
