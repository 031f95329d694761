export * from "./types";
export { pickSeries, stepMsOf, sumSeries, type SeriesValues } from "./series";
export { buildDayEnergy, sumDays, type DayEnergy, type DaySpan } from "./day-energy";
export {
  allocateFlows,
  periodFlows,
  homeFromLinks,
  selfConsumption,
  selfSufficiency,
  sankeyGraph,
  type FlowLinks,
  type SankeyGraph,
  type SankeyNodeDatum,
} from "./flows";
export { priceLevel, PRICE_LEVELS, PRICE_COLORS, type PriceLevel } from "./price";
