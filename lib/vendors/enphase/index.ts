export { createEnphaseAdapter, enphaseAdapter, toSite, BACKFILL_DAYS } from "./adapter";
export type { EnphaseAdapterOptions } from "./adapter";
export { ENPHASE_POINTS, mapIntervals, latestPower } from "./mapper";
export { enphaseIsDue, ENPHASE_POLL_INTERVAL_MS } from "./schedule";
export { enphaseTokensSchema, type EnphaseTokens } from "./tokens";
