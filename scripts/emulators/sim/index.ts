export * from "./types";
export { Simulator, simulator, stateAt, intervalTruth } from "./simulator";
export { DEMO_EPOCH_MS, DEMO_SITES, seededSite } from "./sites";
export { clearSkyFraction } from "./solar";
export { evChargeDay, evChargingW, localTime } from "./ev";
