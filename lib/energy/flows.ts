import type { DayEnergy } from "./day-energy";
import type { EnergyTotals } from "./types";

/** Where energy went, in Wh: source → destination. */
export interface FlowLinks {
  solarToHome: number;
  solarToBattery: number;
  solarToGrid: number;
  gridToHome: number;
  gridToBattery: number;
  batteryToHome: number;
  batteryToGrid: number;
}

const ZERO: FlowLinks = {
  solarToHome: 0,
  solarToBattery: 0,
  solarToGrid: 0,
  gridToHome: 0,
  gridToBattery: 0,
  batteryToHome: 0,
  batteryToGrid: 0,
};

const pos = (v: number | null) => (v !== null && Number.isFinite(v) && v > 0 ? v : 0);

/**
 * Splits one span's totals into links (the Home Assistant convention): exports come from solar first, then the
 * battery; the battery charges from solar left after exports, then from the grid; what remains of each source
 * went to the home. Each source's links sum to its total; missing flows count as 0.
 */
export function allocateFlows(t: EnergyTotals): FlowLinks {
  const solar = pos(t.solar);
  const imp = pos(t.gridImport);
  const exp = pos(t.gridExport);
  const charge = pos(t.batteryCharge);
  const discharge = pos(t.batteryDischarge);
  const solarToGrid = Math.min(exp, solar);
  const batteryToGrid = Math.min(exp - solarToGrid, discharge);
  const solarToBattery = Math.min(charge, solar - solarToGrid);
  const gridToBattery = Math.min(charge - solarToBattery, imp);
  return {
    solarToHome: solar - solarToGrid - solarToBattery,
    solarToBattery,
    solarToGrid,
    gridToHome: imp - gridToBattery,
    gridToBattery,
    batteryToHome: discharge - batteryToGrid,
    batteryToGrid,
  };
}

/** Links for a period: allocated day by day (a night's grid charging is not credited to another day's sun), summed. */
export function periodFlows(days: Array<Pick<DayEnergy, "totals">>): FlowLinks {
  const out = { ...ZERO };
  for (const d of days) {
    const f = allocateFlows(d.totals);
    for (const k of Object.keys(out) as Array<keyof FlowLinks>) out[k] += f[k];
  }
  return out;
}

/** Energy the home received according to the links. */
export function homeFromLinks(f: FlowLinks): number {
  return f.solarToHome + f.gridToHome + f.batteryToHome;
}

/** Share of solar used on site (home or battery) rather than exported, 0–100; null without solar. */
export function selfConsumption(f: FlowLinks): number | null {
  const solar = f.solarToHome + f.solarToBattery + f.solarToGrid;
  return solar > 0 ? (100 * (f.solarToHome + f.solarToBattery)) / solar : null;
}

/** Share of the home's energy that did not come from the grid (solar directly or via the battery), 0–100. */
export function selfSufficiency(f: FlowLinks): number | null {
  const home = homeFromLinks(f);
  return home > 0 ? (100 * (f.solarToHome + f.batteryToHome)) / home : null;
}

export interface SankeyNodeDatum {
  name: string;
  kind: "solar" | "grid" | "battery" | "home";
}

export interface SankeyGraph {
  nodes: SankeyNodeDatum[];
  links: Array<{ source: number; target: number; value: number }>;
}

const LINK_DEFS: Array<[keyof FlowLinks, SankeyNodeDatum, SankeyNodeDatum]> = [
  ["solarToHome", { name: "Solar", kind: "solar" }, { name: "Home", kind: "home" }],
  ["solarToBattery", { name: "Solar", kind: "solar" }, { name: "Battery charge", kind: "battery" }],
  ["solarToGrid", { name: "Solar", kind: "solar" }, { name: "Grid export", kind: "grid" }],
  ["gridToHome", { name: "Grid", kind: "grid" }, { name: "Home", kind: "home" }],
  ["gridToBattery", { name: "Grid", kind: "grid" }, { name: "Battery charge", kind: "battery" }],
  ["batteryToHome", { name: "Battery", kind: "battery" }, { name: "Home", kind: "home" }],
  ["batteryToGrid", { name: "Battery", kind: "battery" }, { name: "Grid export", kind: "grid" }],
];

/**
 * The links as a Sankey graph (sources on the left, destinations on the right; battery and grid appear on both
 * sides as separate nodes so the graph has no cycles). Links under `minWh` are dropped, and nodes left unused.
 */
export function sankeyGraph(f: FlowLinks, minWh = 1): SankeyGraph {
  const nodes: SankeyNodeDatum[] = [];
  const index = (n: SankeyNodeDatum) => {
    let i = nodes.findIndex((x) => x.name === n.name);
    if (i < 0) i = nodes.push(n) - 1;
    return i;
  };
  const links: SankeyGraph["links"] = [];
  for (const [key, from, to] of LINK_DEFS) {
    if (!(f[key] >= minWh)) continue;
    links.push({ source: index(from), target: index(to), value: f[key] });
  }
  return { nodes, links };
}
