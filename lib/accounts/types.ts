/**
 * The energy accounts contract (issue #16): one energy balance per system, 5-minute interval and local day/month/
 * year/lifetime, computed on the server. Every view (energy table, flow diagram, bars, cards) reads these objects,
 * so they cannot disagree. Types only: safe to import from client components. Changes are additive only.
 *
 * Units: Wh, %, ms UTC. Days are the system's local calendar days (IANA zone). Unknown is never 0: a flow the
 * system cannot know is `{ wh: null, provenance: "unknown", reason }`.
 */

/** The six balance flows. Balance: solar + gridImport + batteryDischarge = load + gridExport + batteryCharge. */
export const ACCOUNT_FLOWS = [
  "solar",
  "load",
  "batteryCharge",
  "batteryDischarge",
  "gridImport",
  "gridExport",
] as const;
export type AccountFlow = (typeof ACCOUNT_FLOWS)[number];

/**
 * How a number was obtained, from most to least direct:
 * - measured: an energy counter's delta or a vendor's interval energy;
 * - integrated: power averages × time (also: a counter reset's lost step recovered from power);
 * - derived: from the balance, when exactly one flow (or one net pair: grid or battery) is unknown;
 * - interpolated: a counter's energy revealed after a gap, spread over the gap's intervals;
 * - unknown: the system cannot know it (wh is null, reason says why).
 */
export type Provenance = "measured" | "integrated" | "derived" | "interpolated" | "unknown";
export const PROVENANCES: readonly Provenance[] = ["measured", "integrated", "derived", "interpolated", "unknown"];

/** One flow's energy. */
export interface FlowValue {
  /** Wh; null exactly when provenance is "unknown". */
  wh: number | null;
  /**
   * For a span of several intervals: the least direct provenance among the intervals that contributed (a day of
   * measured intervals with one interpolated gap is "interpolated"); `parts` gives the split.
   */
  provenance: Provenance;
  /** Why the value is unknown or how it was derived, one line ("this system reports no grid meter"). */
  reason?: string;
  /** Wh by provenance when a span mixes them (absent when all of one kind). */
  parts?: Partial<Record<Exclude<Provenance, "unknown">, number>>;
}

/** Where energy went, Wh, computed per 5-minute interval and then summed (never allocated from totals). */
export const ATTRIBUTION_LINKS = [
  "solarToHome",
  "solarToBattery",
  "solarToGrid",
  "batteryToHome",
  "batteryToGrid",
  "gridToHome",
  "gridToBattery",
] as const;
export type AttributionLink = (typeof ATTRIBUTION_LINKS)[number];

/**
 * Per link Wh, null when an input was unknown in every interval of the span. Convention per interval: exports
 * come from solar first, then the battery; the battery charges from solar left after exports, then from the grid;
 * what remains of each source went to the home.
 */
export type Attribution = Record<AttributionLink, number | null>;

/**
 * Energy the span's meters do not place, drawn as its own node so every other node equals its flow's total: what
 * in and out differ by, and energy no link can carry (a battery that charged and discharged within one interval
 * beyond what solar and the grid supplied; the grid importing and exporting at once). Wh per source flow into it
 * (`from`) and per destination flow out of it (`to`).
 */
export interface Unaccounted {
  from: Partial<Record<AccountFlow, number>>;
  to: Partial<Record<AccountFlow, number>>;
}

/** Extra loads the system measures (EV charger, circuits): each is part of `load`, not added to it. */
export interface LoadAccount {
  /** Point path head, e.g. "load.ev", "load.hvac", "load.circuit.pool" (stable key for charts). */
  key: string;
  /** Display name (the point's name as the user set it). */
  name: string;
  flow: FlowValue;
}

/** How complete a span's data is. */
export interface Coverage {
  /** 5-minute intervals in the span that have ended (288 a normal day, 276/300 on DST days, fewer today). */
  intervals: number;
  /** Intervals with any energy or power data for this system. */
  withData: number;
  /** Per flow: the share (0–1) of the ended intervals in which the flow is known (any provenance but unknown). */
  flows: Record<AccountFlow, number>;
}

/** What a system's points let it know about each flow (from point types and paths, never the vendor's name). */
export interface FlowCapability {
  /**
   * counter: a lifetime energy counter (transform d); interval-energy: vendor interval energy; power: a power point
   * (integrated); balance: derivable from the others; absent: the system has no such device (battery only: counts
   * 0 in the balance, shown as unknown); none: unknown.
   */
  source: "counter" | "interval-energy" | "power" | "balance" | "absent" | "none";
  /** Point ids used (energy first, then power); empty for balance/absent/none. */
  pointIds: number[];
  /** For balance/absent/none: one line for the UI ("this system reports no grid meter"). */
  reason?: string;
}
export type Capabilities = Record<AccountFlow, FlowCapability>;

/** The accounts of one span (an interval, a day, a month, a year, or lifetime). */
export interface AccountsCore {
  flows: Record<AccountFlow, FlowValue>;
  attribution: Attribution;
  /** The imbalance of the span's meters, when the attribution was fitted to its flow totals and in ≠ out. */
  unaccounted?: Unaccounted;
  /** Share of solar used on site: (solar − solar→grid) / solar × 100; null with a reason when not known. */
  selfConsumptionPct: number | null;
  selfConsumptionReason?: string;
  /** Share of the home's energy not from the grid: (solar→home + battery→home) / home × 100; null with a reason. */
  selfSufficiencyPct: number | null;
  selfSufficiencyReason?: string;
  /** Extra loads (EV, circuits) where the system measures them; empty otherwise. */
  loads: LoadAccount[];
}

/** One 5-minute interval `(endMs − 5 min, endMs]`. */
export interface IntervalAccount extends AccountsCore {
  startMs: number;
  endMs: number;
  /** The local day the interval belongs to (by its end, as the daily aggregates do). */
  day: string;
}

export type AccountsPeriod = "day" | "month" | "year" | "lifetime";

/** One row of a period: a local day, a month, a year, or the lifetime total. */
export interface AccountsRow extends AccountsCore {
  period: AccountsPeriod;
  /** "2026-12-03" (day), "2026-12" (month), "2026" (year), "lifetime". */
  key: string;
  /** [startMs, endMs) of the span in ms UTC (local midnights). */
  startMs: number;
  endMs: number;
  coverage: Coverage;
  /** The span has ended and every flow the system can know is known in every interval of it. */
  complete: boolean;
  /** The span is still running (contains now): its numbers are so far, computed on read. */
  inProgress: boolean;
}

/** A composite's member systems and what keeps a composite flow unknown. */
export interface CompositeAccountsInfo {
  members: Array<{ systemId: number; displayName: string | null; categories: string[] }>;
  /** One line per problem, naming the member ("Site B brings solar but not its load"). */
  notes: string[];
}

/** GET /api/systems/{system}/energy and getEnergyAccounts(). */
export interface EnergyAccountsResponse {
  systemId: number;
  displayTimezone: string;
  period: AccountsPeriod;
  /** Local dates (YYYY-MM-DD) of the first and last day covered, inclusive. */
  from: string;
  to: string;
  capabilities: Capabilities;
  /** One row per day (period=day), month (month), year (year); one row for lifetime. Oldest first. */
  rows: AccountsRow[];
  /** The whole range summed (same shape as a row, key "total"). */
  total: AccountsRow;
  /** With `intervals: true` (period=day, one day): that day's 5-minute intervals, oldest first. */
  intervals?: IntervalAccount[];
  /** Present for composite systems. */
  composite?: CompositeAccountsInfo;
}

/** Request of getEnergyAccounts (local dates; defaults: the current period in the system's zone). */
export interface EnergyAccountsRequest {
  systemId: number;
  period: AccountsPeriod;
  /** YYYY-MM-DD, first local day (day period), or any day in the first month/year. */
  from?: string;
  /** YYYY-MM-DD, last local day inclusive. */
  to?: string;
  /** Add the 5-minute intervals (period "day" with from = to only). */
  intervals?: boolean;
  nowMs?: number;
}

/** getIntervalAccounts(): the 5-minute accounts of a window. */
export interface IntervalAccounts {
  systemId: number;
  capabilities: Capabilities;
  intervals: IntervalAccount[];
}
