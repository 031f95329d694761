export { amberAdapter, amberCredentialsSchema, createAmberAdapter, PRICE_NEXT, PRICE_PREVIOUS } from "./adapter";
export type { AmberAdapterOptions, AmberCredentials } from "./adapter";
export { AMBER_SITE_POINTS, channelPoint, mapPrices, mapUsage, splitEvenly } from "./mapper";
export { USAGE_REFRESH_MS, type AmberState } from "./schedule";
