export { createMondoAdapter, mondoAdapter, mondoCredentialsSchema, MONDO_POLL_INTERVAL_MS } from "./adapter";
export type { MondoAdapterOptions, MondoCredentials } from "./adapter";
export { mapRows, pointsOf, slugOf } from "./mapper";
export { createPkcePair, pkceChallenge } from "./pkce";
