export * from "./schema";
export * from "./types";
export { computeCosts, type CostInput } from "./engine";
export { validatePlan, type TariffIssue, type TariffValidation } from "./validate";
export { TARIFF_PRESETS, presetPlan, type TariffPreset } from "./presets";
export {
  AU_HOLIDAY_REGIONS,
  builtInHolidays,
  holidayCalendar,
  type HolidayCalendar,
  type HolidayRegion,
} from "./holidays";
export { formatMoney, roundCents } from "./money";
export {
  COUNTERFACTUAL_METHOD,
  counterfactualInterval,
  savingsOf,
  type Counterfactual,
  type FlowInterval,
  type Saving,
} from "./counterfactuals";
