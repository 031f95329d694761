/** One 5-minute interval of energy, `(endMs − 5 min, endMs]`; null = unknown (never read as 0). */
export interface TariffInterval {
  endMs: number;
  /** Energy imported through the main meter (excluding a controlled load circuit), Wh. */
  importWh: number | null;
  exportWh: number | null;
  /** Energy of the load point marked as controlled load; undefined when the system has none. */
  controlledLoadWh?: number | null;
}

/** What one interval cost; all cents, fractional, unrounded. Export is a credit (positive = earned). */
export interface IntervalCost {
  endMs: number;
  day: string;
  planId: number | string | null;
  importCents: number | null;
  exportCents: number | null;
  controlledLoadCents: number | null;
  /** The time-of-use period or block step the import was priced in ("Peak", "Step 2"), when there is one. */
  importPeriod: string | null;
  exportPeriod: string | null;
}

/** Money figures shared by a day, a month and a billing period. Net = import + supply + controlled load + demand − export. */
export interface CostTotals {
  importCents: number | null;
  exportCents: number | null;
  /** Daily charges count whole days, also on a partial day (today so far). */
  supplyCents: number | null;
  /** Controlled load usage and its own supply charge. */
  controlledLoadCents: number | null;
  demandCents: number | null;
  netCents: number | null;
  /** 5-minute intervals priced, and how many of them had an unknown input. */
  intervals: number;
  unknownIntervals: number;
  /** The range did not cover the whole day / month / period (e.g. today so far). */
  partial: boolean;
}

export interface DayCost extends CostTotals {
  day: string;
  planId: number | string | null;
}

export interface PeriodCost extends CostTotals {
  /** First and last+1 local day covered (a billing period is cut where the plan changes). */
  start: string;
  end: string;
  planId?: number | string | null;
  /** Billing periods: the highest 30-minute average import (kW) in the demand windows, when the plan has demand. */
  demandKw?: number | null;
}

export interface CostResult {
  intervals: IntervalCost[];
  days: DayCost[];
  months: PeriodCost[];
  billingPeriods: PeriodCost[];
  /** Things a person should know about these figures (no holiday list for a year, days without a plan …). */
  warnings: string[];
}

/** A dynamic (spot-price retailer) price for one interval, c/kWh; feed-in positive = paid to export (the retailer's sign flipped). */
export interface IntervalPrice {
  importCentsPerKwh: number | null;
  feedInCentsPerKwh: number | null;
}
