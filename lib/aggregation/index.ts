export * from "./five-minute";
export * from "./daily";
export { aggregateFiveMinute, type TouchedInterval, type AggregateOptions } from "./aggregate-five-minute";
export {
  catchUpDaily,
  regenerateDaily,
  daysBetween,
  DayRangeError,
  MAX_REGENERATE_DAYS,
  type DailyJobResult,
  type AfterDaily,
} from "./daily-jobs";
export { reaggregateFiveMinute } from "./reaggregate";
export { dayOfIntervalEnd, markDaysPending } from "./pending-days";
export { latestFiveMinute, loadFiveMinuteWindow, type StoredFiveMinute } from "./store-five-minute";
export { aggregateDays, clearDaily, loadDailyWindow, type StoredDaily } from "./store-daily";
export { aggregateEnded, endedBy, fiveMinuteThrough, closeQuietSystems } from "./close-intervals";
export { loadOpenTail, loadFiveMinuteWindowLive } from "./open-tail";
export { refreshThirtyMinute } from "./thirty-minute";
