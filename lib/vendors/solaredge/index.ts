export { createSolarEdgeAdapter, solarEdgeAdapter, solarEdgeCredentialsSchema, toSite } from "./adapter";
export type { SolarEdgeCredentials, SolarEdgeAdapterOptions } from "./adapter";
export { SOLAREDGE_POINTS, mapPowerFlow, parseQuarters, spreadQuarters } from "./mapper";
export { solarEdgeIsDue } from "./schedule";
