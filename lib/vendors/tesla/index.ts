export { createTeslaAdapter, teslaAdapter, chosenVehicles, vehiclesOf, SITE_POLL_MS } from "./adapter";
export type { TeslaAdapterOptions, TeslaState } from "./adapter";
export { SITE_POINTS, liveStatusReadings, vehicleReadings, vehiclePoints, chargerPowerW } from "./mapper";
export { pollVehicles, CHARGING_POLL_MS, IDLE_POLL_MS, SLEEP_CHECK_MS } from "./vehicles";
export { spendStretch } from "./spend";
export { teslaTokensSchema, type TeslaTokens } from "./tokens";
