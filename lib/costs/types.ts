/**
 * The costs contract (issue #17): money, savings and carbon per system and local day / month / year / billing
 * period, priced on the server from the same 5-minute intervals as the energy accounts. Types only: safe to import
 * from client components.
 *
 * Units: cents (fractional; round only to show), grams CO2-e, ms UTC. Unknown is null, never 0.
 */

export type CostsPeriod = "day" | "month" | "year" | "bill";

/** Money, savings and carbon of a span. Net = import + supply + controlled load + demand − export. */
export interface CostFigures {
  importCents: number | null;
  /** Feed-in credit: money earned (positive), not a negative cost. */
  exportCents: number | null;
  supplyCents: number | null;
  controlledLoadCents: number | null;
  /** The billing period's demand charge allocated evenly to its days. */
  demandCents: number | null;
  netCents: number | null;
  savings: {
    /** Counterfactual "no solar, no battery" − actual. */
    vsNoSystemCents: number | null;
    /** Counterfactual "solar, no battery" − actual: what the battery saved. */
    batteryCents: number | null;
  };
  carbon: {
    /** Grid import × the region's factor (scaled by the grid's renewables share where reported). */
    importG: number | null;
    /** (Self-consumed + exported solar) × the same factor. */
    avoidedG: number | null;
  };
  /** 5-minute intervals priced and how many had an unknown flow. */
  intervals: number;
  unknownIntervals: number;
  /** Some energy was interpolated over a gap or integrated from power: an estimate. */
  estimated: boolean;
}

/** One day, month, year or billing period. */
export interface CostRow extends CostFigures {
  /** "2026-12-03", "2026-12", "2026", or the billing period's first day. */
  key: string;
  /** First local day and the day after the last (exclusive). */
  start: string;
  end: string;
  /** Plans that priced the span (ids). */
  planIds: number[];
  /** Contains today: figures so far. */
  inProgress: boolean;
}

/** A billing period's estimate so far, its projection to the end and the bill a person entered. */
export interface BillEstimate {
  start: string;
  end: string;
  planId: number;
  /** Days of the period, and days so far (today counted). */
  days: number;
  daysSoFar: number;
  soFar: CostFigures;
  /** The net so far plus the remaining days at the average net of the days so far; null when unknown. */
  projectedNetCents: number | null;
  /** The bill entered for this period (whole cents), and actual − estimate (projected, or so far once ended). */
  actualCents: number | null;
  differenceCents: number | null;
}

/**
 * Lifetime carbon: the sum over the days whose carbon is known (grams CO2-e), with the days it could not count
 * (a gap in the energy, or accounts not priced yet) counted in `unknownDays`, so a single gap does not hide years.
 * Null when no day is stored.
 */
export interface LifetimeCarbon {
  importG: number | null;
  avoidedG: number | null;
  from: string | null;
  through: string | null;
  days: number;
  unknownDays: number;
}

/** One 5-minute interval's money (single day requests with intervals=1). */
export interface CostInterval {
  endMs: number;
  importCents: number | null;
  exportCents: number | null;
  controlledLoadCents: number | null;
  importPeriod: string | null;
  exportPeriod: string | null;
}

/** GET /api/systems/{system}/costs. */
export interface CostsResponse {
  systemId: number;
  displayTimezone: string;
  currency: string;
  period: CostsPeriod;
  from: string;
  to: string;
  rows: CostRow[];
  total: CostFigures;
  /** The billing period containing `to` (or today). */
  bill: BillEstimate | null;
  intervals?: CostInterval[];
  /** The grid region of the carbon figures; `automatic` unless chosen in settings (PUT …/costs/carbon-region). */
  carbonRegion: { region: string; label: string; kgPerKwh: number; source: string; automatic?: boolean };
  /** Carbon over every stored day and today so far, at the current region's factor. */
  lifetimeCarbon?: LifetimeCarbon;
  /** How each figure is computed, to show next to it. */
  methods: { noSolarNoBattery: string; solarNoBattery: string; carbon: string; demand: string; unknown: string };
  warnings: string[];
}

/** One plan's cost over the compared span (GET /api/systems/{system}/costs/compare). */
export interface PlanComparison {
  /** The saved plan's id; null for the stored-prices row. */
  planId: number | null;
  name: string;
  /** Priced at a vendor's stored per-interval prices (a dynamic-price retailer), not a saved plan. */
  storedPrices: boolean;
  /** The plan in force today: the differences are against it. */
  current: boolean;
  importCents: number | null;
  exportCents: number | null;
  supplyCents: number | null;
  /** Controlled load usage and its supply charge. */
  controlledLoadCents: number | null;
  demandCents: number | null;
  netCents: number | null;
  /** This plan's net − the current plan's net (negative = cheaper); null when either is unknown. */
  differenceCents: number | null;
  days: number;
  /** Days with an interval whose energy (or dynamic price) is unknown: any makes the totals unknown. */
  incompleteDays: number;
  unknownIntervals: number;
  warnings: string[];
}

/** GET /api/systems/{system}/costs/compare. */
export interface PlanComparisonResponse {
  systemId: number;
  displayTimezone: string;
  currency: string;
  months: number;
  /** First and last local day compared (ended days; from the first day with energy data at the earliest). */
  from: string;
  to: string;
  plans: PlanComparison[];
  /** How the comparison is made, to show next to it. */
  method: string;
  /**
   * Whose stored prices the stored-prices row uses: the system's own (or its composite sources'), or, for a system
   * without any, another system of the same owner that has them; `vendorName` is that system's vendor. Null: no
   * such row.
   */
  priceSeries: { systemId: number; own: boolean; vendorName: string } | null;
  warnings: string[];
}
