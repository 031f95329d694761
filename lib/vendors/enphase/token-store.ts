import "server-only";
import { decryptJson, encryptJson } from "@/lib/crypto/secrets";
import { saveSealedState, sealedCredentialsOfSameOwner } from "@/lib/db/queries/vendor-state";
import { asTokens, issuedAt, newestTokens, type EnphaseTokens } from "./tokens";

/**
 * Where refreshed Enphase pairs go. Several systems can share one grant (one sign-in, several systems chosen),
 * and Enphase rotates refresh tokens, so a refresh by one must reach all of them at once.
 */
export interface EnphaseTokenStore {
  /** Stores the pair as vendor state of `systemId` and of every system of the same grant holding an older pair. */
  save(systemId: number, tokens: EnphaseTokens): Promise<void>;
  /** The newest pair held by any system of the grant (a sibling may have refreshed first). */
  newest(systemId: number, grant: string | undefined): Promise<EnphaseTokens | null>;
}

interface Holder {
  systemId: number;
  tokens: EnphaseTokens | null;
}

/** The Enphase systems of the same owner as `systemId` with the pair each holds (newest of credentials / state). */
async function holders(systemId: number): Promise<Holder[]> {
  const sealed = await sealedCredentialsOfSameOwner(systemId, "enphase");
  return sealed.map((r) => ({ systemId: r.systemId, tokens: newestTokens(open(r.credentials), open(r.state)) }));
}

function open(cipher: unknown): unknown {
  if (typeof cipher !== "string" || !cipher) return null;
  try {
    return decryptJson(cipher);
  } catch {
    return null;
  }
}

/** The database store: vendor_credentials.state, encrypted with the current key. */
export const dbTokenStore: EnphaseTokenStore = {
  async save(systemId, tokens) {
    if (systemId <= 0) return; // a setup-time test: nothing stored yet
    const all = await holders(systemId);
    const targets = all.filter(
      (h) =>
        h.systemId === systemId ||
        (tokens.grant !== undefined && h.tokens?.grant === tokens.grant && issuedAt(h.tokens) < issuedAt(tokens)),
    );
    const cipher = encryptJson(tokens);
    await saveSealedState(
      targets.map((h) => h.systemId),
      cipher,
      Date.now(),
    );
  },
  async newest(systemId, grant) {
    if (systemId <= 0 || grant === undefined) return null;
    const same = (await holders(systemId)).filter((h) => h.tokens?.grant === grant).map((h) => h.tokens);
    return asTokens(newestTokens(...same));
  },
};
