export { formatPower, formatEnergy, formatPercent } from "./power";
export { formatAge, freshness, freshnessLabel, FRESH_LIMIT_MS, STALE_LIMIT_MS, type Freshness } from "./age";
export {
  batteryDirection,
  gridDirection,
  IDLE_THRESHOLD_W,
  type BatteryDirection,
  type GridDirection,
} from "./direction";
export { hourTicks, formatClock, formatDateTime, localDayRange } from "./time-axis";
