export { formatPower, formatEnergy, formatPercent } from "./power";
export { formatAge, freshness, freshnessLabel, FRESH_LIMIT_MS, STALE_LIMIT_MS, type Freshness } from "./age";
export {
  batteryDirection,
  feedInText,
  gridDirection,
  IDLE_THRESHOLD_W,
  type BatteryDirection,
  type GridDirection,
} from "./direction";
export {
  hourTicks,
  dayTicks,
  formatClock,
  formatDateTime,
  formatDay,
  formatLongDay,
  formatShortDate,
  localDayRange,
} from "./time-axis";
export {
  zonedParts,
  zoneOffsetMs,
  localDayOf,
  isDayString,
  addDays,
  daysBetween,
  dayStartMs,
  dayRangeMs,
  isoInZone,
  type ZonedParts,
} from "./zone";
export { csvField, toCsv, fileSlug, type CsvCell } from "./csv";
export { formatValue } from "./value";
