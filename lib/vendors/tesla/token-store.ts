import "server-only";
import { decryptJson, encryptJson } from "@/lib/crypto/secrets";
import { saveSealedStates, sealedCredentialsOfSameOwner } from "@/lib/db/queries/vendor-state";
import { asTokens, issuedAt, newestTokens, type TeslaTokens } from "./tokens";

/**
 * Where refreshed Tesla pairs go. Tesla refresh tokens are single use, and several systems can share one grant
 * (one sign-in, several energy sites chosen), so a refresh by one must reach all of them in the same write, before
 * the new access token is used: otherwise a crash leaves every system holding a dead refresh token.
 */
export interface TeslaTokenStore {
  /** Stores the pair in the vendor state of `systemId` and of every system of the same grant holding an older pair. */
  save(systemId: number, tokens: TeslaTokens): Promise<void>;
  /** The newest pair held by any system of the grant (another system or poll may have refreshed first). */
  newest(systemId: number, grant: string | undefined): Promise<TeslaTokens | null>;
}

interface Holder {
  systemId: number;
  tokens: TeslaTokens | null;
  state: Record<string, unknown> | null;
}

async function holders(systemId: number): Promise<Holder[]> {
  const sealed = await sealedCredentialsOfSameOwner(systemId, "tesla");
  return sealed.map((r) => {
    const state = open(r.state);
    return {
      systemId: r.systemId,
      tokens: newestTokens(open(r.credentials), state),
      state: state && typeof state === "object" ? (state as Record<string, unknown>) : null,
    };
  });
}

function open(cipher: unknown): unknown {
  if (typeof cipher !== "string" || !cipher) return null;
  try {
    return decryptJson(cipher);
  } catch {
    return null;
  }
}

/** The database store: vendor_credentials.state (encrypted), keeping each system's other state (vehicle schedule). */
export const dbTokenStore: TeslaTokenStore = {
  async save(systemId, tokens) {
    if (systemId <= 0) return; // a setup-time test: nothing stored yet
    const all = await holders(systemId);
    const targets = all.filter(
      (h) =>
        h.systemId === systemId ||
        (tokens.grant !== undefined && h.tokens?.grant === tokens.grant && issuedAt(h.tokens) < issuedAt(tokens)),
    );
    await saveSealedStates(
      targets.map((h) => ({ systemId: h.systemId, sealedState: encryptJson({ ...(h.state ?? {}), ...tokens }) })),
      Date.now(),
    );
  },
  async newest(systemId, grant) {
    if (systemId <= 0 || grant === undefined) return null;
    const same = (await holders(systemId)).filter((h) => h.tokens?.grant === grant).map((h) => h.tokens);
    return asTokens(newestTokens(...same));
  },
};
