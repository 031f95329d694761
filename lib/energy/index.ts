export * from "./types";
export { pickSeries, stepMsOf, sumSeries, type SeriesValues } from "./series";
export { priceLevel, PRICE_LEVELS, PRICE_COLORS, type PriceLevel } from "./price";
