import type { CostResult, TariffInterval } from "./types";

/*
 * Savings compare the actual cost with what the same plan would have charged without the system
 * (../shared/energy-economics.md): "no solar, no battery" imports the home's whole load; "solar, no battery" lets
 * solar serve the load first in each 5-minute interval, exports the surplus and imports the shortfall.
 */

/** An interval's flows, Wh; null = unknown. Load is the home's use (controlled load separate, unchanged). */
export interface FlowInterval {
  endMs: number;
  loadWh: number | null;
  solarWh: number | null;
  controlledLoadWh?: number | null;
}

export type Counterfactual = "noSolarNoBattery" | "solarNoBattery";

/** How each counterfactual is computed, to show next to the figure. */
export const COUNTERFACTUAL_METHOD: Record<Counterfactual, string> = {
  noSolarNoBattery:
    "Without solar or battery: the home's whole use in each 5 minutes bought from the grid, nothing exported.",
  solarNoBattery:
    "Solar without the battery: in each 5 minutes solar serves the home first, the surplus is exported and the shortfall bought.",
};

/** The grid flows an interval would have had in a counterfactual (unknown when a flow it needs is unknown). */
export function counterfactualInterval(iv: FlowInterval, kind: Counterfactual): TariffInterval {
  const base = {
    endMs: iv.endMs,
    ...(iv.controlledLoadWh !== undefined ? { controlledLoadWh: iv.controlledLoadWh } : {}),
  };
  if (kind === "noSolarNoBattery") return { ...base, importWh: iv.loadWh, exportWh: iv.loadWh === null ? null : 0 };
  if (iv.loadWh === null || iv.solarWh === null) return { ...base, importWh: null, exportWh: null };
  const net = iv.loadWh - iv.solarWh;
  return { ...base, importWh: Math.max(net, 0), exportWh: Math.max(-net, 0) };
}

export interface Saving {
  /** The day (YYYY-MM-DD) or month's first day. */
  start: string;
  /** Counterfactual net cost − actual net cost, cents; null when either is unknown. */
  savedCents: number | null;
  partial: boolean;
}

/** Per day and per month: how much less the actual cost was than the counterfactual's on the same plan(s). */
export function savingsOf(actual: CostResult, counterfactual: CostResult): { days: Saving[]; months: Saving[] } {
  const diff = <T extends { netCents: number | null; partial: boolean }>(
    a: T,
    b: T | undefined,
    start: string,
  ): Saving => ({
    start,
    savedCents: a.netCents === null || !b || b.netCents === null ? null : b.netCents - a.netCents,
    partial: a.partial || !b || b.partial,
  });
  const cfDays = new Map(counterfactual.days.map((d) => [d.day, d]));
  const cfMonths = new Map(counterfactual.months.map((m) => [m.start, m]));
  return {
    days: actual.days.map((d) => diff(d, cfDays.get(d.day), d.day)),
    months: actual.months.map((m) => diff(m, cfMonths.get(m.start), m.start)),
  };
}
