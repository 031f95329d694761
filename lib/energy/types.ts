/** The six energy flows the dashboard accounts for, in Wh, and the point paths that measure them. */

export const FLOWS = ["solar", "load", "gridImport", "gridExport", "batteryCharge", "batteryDischarge"] as const;
export type Flow = (typeof FLOWS)[number];

/** Wh per flow; null when the system has no way to measure that flow for the span. */
export type EnergyTotals = Record<Flow, number | null>;

/** Energy points (deltas in history responses) per flow. */
export const FLOW_ENERGY_PATHS: Record<Flow, string> = {
  solar: "source.solar/energy",
  load: "load/energy",
  gridImport: "bidi.grid.import/energy",
  gridExport: "bidi.grid.export/energy",
  batteryCharge: "bidi.battery.charge/energy",
  batteryDischarge: "bidi.battery.discharge/energy",
};

/** Signed power points that can stand in for a missing energy point: the part with `sign` × power > 0. */
export const FLOW_POWER_SOURCE: Record<Flow, { path: string; sign: 1 | -1 }> = {
  solar: { path: "source.solar/power", sign: 1 },
  load: { path: "load/power", sign: 1 },
  gridImport: { path: "bidi.grid/power", sign: 1 },
  gridExport: { path: "bidi.grid/power", sign: -1 },
  batteryDischarge: { path: "bidi.battery/power", sign: 1 },
  batteryCharge: { path: "bidi.battery/power", sign: -1 },
};

export const FLOW_LABELS: Record<Flow, string> = {
  solar: "Solar generated",
  load: "Home used",
  gridImport: "Bought from grid",
  gridExport: "Sent to grid",
  batteryCharge: "Battery charged",
  batteryDischarge: "Battery discharged",
};

/** Power paths the dashboard charts ask for (globs allowed by the history API). */
export const POWER_KEYS = [
  "source.solar*/power",
  "load/power",
  "bidi.battery/power",
  "bidi.grid/power",
  "bidi.battery/soc",
] as const;

/** Energy paths the dashboard asks for; solar parts cover systems with only local/remote counters. */
export const ENERGY_KEYS = [
  "source.solar*/energy",
  "load/energy",
  "bidi.battery.charge/energy",
  "bidi.battery.discharge/energy",
  "bidi.grid.import/energy",
  "bidi.grid.export/energy",
] as const;

/** Totals with every flow null. */
export function emptyTotals(): EnergyTotals {
  return { solar: null, load: null, gridImport: null, gridExport: null, batteryCharge: null, batteryDischarge: null };
}
