import { DateTime } from "luxon";
import type { IntervalReading, PointDefinition, Reading } from "../types";

const p = (
  originId: string,
  name: string,
  type: "source" | "load" | "bidi",
  subtype: string | null,
  extension: string | null,
  metricType: "power" | "energy" | "soc" | "text" | "code",
  unit: string,
  subsystem: string,
): PointDefinition => ({ originId, name, type, subtype, extension, metricType, unit, transform: null, subsystem });

/**
 * SolarEdge points. Powers come from currentPowerFlow (unsigned magnitudes made signed here: battery
 * + discharging / − charging, grid + import / − export); energies are quarter-hour Wh from energyDetails. Each
 * node's `status` is kept as text and `STORAGE.critical` as a code (1 critical, 0 not).
 */
export const SOLAREDGE_POINTS = {
  solar: p("PV", "Solar", "source", "solar", null, "power", "W", "solar"),
  load: p("LOAD", "Load", "load", null, null, "power", "W", "load"),
  grid: p("GRID", "Grid", "bidi", "grid", null, "power", "W", "grid"),
  battery: p("STORAGE", "Battery", "bidi", "battery", null, "power", "W", "battery"),
  soc: p("STORAGE.chargeLevel", "Battery SOC", "bidi", "battery", null, "soc", "%", "battery"),
  critical: p("STORAGE.critical", "Battery critical", "bidi", "battery", "critical", "code", "", "battery"),
  solarStatus: p("PV.status", "Solar status", "source", "solar", "status", "text", "", "solar"),
  loadStatus: p("LOAD.status", "Load status", "load", "status", null, "text", "", "load"),
  gridStatus: p("GRID.status", "Grid status", "bidi", "grid", "status", "text", "", "grid"),
  batteryStatus: p("STORAGE.status", "Battery status", "bidi", "battery", "status", "text", "", "battery"),
  solarEnergy: p("Production", "Solar energy", "source", "solar", null, "energy", "Wh", "solar"),
  loadEnergy: p("Consumption", "Load energy", "load", null, null, "energy", "Wh", "load"),
  importEnergy: p("Purchased", "Grid import energy", "bidi", "grid", "import", "energy", "Wh", "grid"),
  exportEnergy: p("FeedIn", "Grid export energy", "bidi", "grid", "export", "energy", "Wh", "grid"),
} satisfies Record<string, PointDefinition>;
const P = SOLAREDGE_POINTS;

/** The energyDetails meters we store, by their SolarEdge name. */
export const ENERGY_METERS: Record<string, PointDefinition> = {
  Production: P.solarEnergy,
  Consumption: P.loadEnergy,
  Purchased: P.importEnergy,
  FeedIn: P.exportEnergy,
};

type Node = { status?: unknown; currentPower?: unknown; chargeLevel?: unknown; critical?: unknown };
export type PowerFlow = {
  unit?: unknown;
  connections?: Array<{ from?: unknown; to?: unknown }>;
  GRID?: Node;
  LOAD?: Node;
  PV?: Node;
  STORAGE?: Node;
};

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** A number, or a numeric string ("4.02"); undefined when absent, null when present but not a number. */
export function numeric(v: unknown): number | null | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

const SCALES: Record<string, number> = { w: 1, kw: 1000, mw: 1_000_000 };
/** Below this a home's load is not plausible (standby alone draws more): a few "W" are kW without their unit. */
export const MIN_PLAUSIBLE_LOAD_W = 20;
/** Above this a flow without a unit is not plausible in kW: its numbers are W. */
export const MAX_PLAUSIBLE_SITE_W = 1_000_000;

/** What a power flow gave: readings, warnings for the session, and a unit error to log once (null if none). */
export interface PowerFlowResult {
  readings: Reading[];
  warnings: string[];
  unitError: string | null;
}

const NODES = [
  ["PV", P.solar],
  ["LOAD", P.load],
  ["GRID", P.grid],
  ["STORAGE", P.battery],
] as const;

/**
 * The unit of a flow: `unit` when it says W, kW or MW; missing (or unknown) → kW, as every recorded flow with a
 * unit says. A scale that makes the flow implausible is a unit error and the other scale is used: kW numbers over
 * MAX_PLAUSIBLE_SITE_W (they are W), or "W" where the home load is a few watts and every node is kW-sized.
 */
function scaleOf(flow: PowerFlow, magnitudes: Map<string, number>, warnings: string[]) {
  const stated = typeof flow.unit === "string" ? flow.unit.trim() : "";
  let scale = SCALES[stated.toLowerCase()] ?? 1000;
  if (stated && !(stated.toLowerCase() in SCALES)) warnings.push(`unknown power unit "${stated}", read as kW`);
  const values = [...magnitudes.values()];
  const max = Math.max(0, ...values);
  const load = magnitudes.get("LOAD");
  let unitError: string | null = null;
  // unitError is stable text (no values) so that it is logged once; the warning carries the numbers.
  if (!stated && max * scale > MAX_PLAUSIBLE_SITE_W) {
    unitError = "power flow without a unit has W-sized numbers (over 1 MW as kW): read as W";
    warnings.push(`unit error: no unit and a node of ${max}: read as W`);
    scale = 1;
  } else if (scale === 1 && load !== undefined && load > 0 && load < MIN_PLAUSIBLE_LOAD_W && max < 100) {
    unitError = `power flow says "${stated}" but has kW-sized numbers (a home load of a few W): read as kW`;
    warnings.push(`unit error: "${stated}" with a home load of ${load} and no node over 100: read as kW`);
    scale = 1000;
  }
  return { scale, unitError };
}

/**
 * currentPowerFlow → canonical readings at `timeMs`, with warnings. Numbers may be numeric strings. Unit: see
 * scaleOf. Directions from `connections` (case-insensitive): grid + when GRID→Load, − when LOAD→Grid; battery +
 * when STORAGE→Load or status Discharging, − when PV/GRID→Storage or status Charging. Nodes absent from the
 * payload are skipped; a node present whose power cannot be read is named in a warning, never dropped silently;
 * a home load of a few watts next to kW-scale nodes is kept with quality "error" (not aggregated) and named.
 */
export function readPowerFlow(flow: PowerFlow, timeMs: number): PowerFlowResult {
  const warnings: string[] = [];
  const magnitudes = new Map<string, number>();
  for (const [key] of NODES) {
    const node = flow[key];
    if (!node || typeof node !== "object") continue;
    const v = numeric(node.currentPower);
    if (v === null)
      warnings.push(`${key}.currentPower ${JSON.stringify(node.currentPower).slice(0, 40)} is not a number`);
    else if (v === undefined) warnings.push(`${key} has no currentPower`);
    else magnitudes.set(key, Math.abs(v));
  }
  const { scale, unitError } = scaleOf(flow, magnitudes, warnings);
  const links = (flow.connections ?? []).map((c) => [String(c.from).toLowerCase(), String(c.to).toLowerCase()]);
  const has = (from: string, to: string) => links.some(([f, t]) => f === from && t === to);
  const watts = (key: string) => {
    const v = magnitudes.get(key);
    return v === undefined ? null : Math.round(v * scale * 1000) / 1000;
  };
  const out: Reading[] = [];
  const add = (point: PointDefinition, value: number | null, quality?: Reading["quality"]) => {
    if (value !== null)
      out.push({ point, measurementTimeMs: timeMs, value: value === 0 ? 0 : value, ...(quality ? { quality } : {}) });
  };
  add(P.solar, watts("PV"));
  const load = watts("LOAD");
  const others = Math.max(0, ...["PV", "GRID", "STORAGE"].map((k) => watts(k) ?? 0));
  const loadSuspect = load !== null && load > 0 && load < MIN_PLAUSIBLE_LOAD_W && others >= 1000;
  if (loadSuspect) warnings.push(`LOAD ${load} W is implausible next to ${others} W: stored as an error reading`);
  add(P.load, load, loadSuspect ? "error" : undefined);
  const grid = watts("GRID");
  if (grid !== null) add(P.grid, has("load", "grid") ? -grid : grid);
  const battery = watts("STORAGE");
  if (battery !== null) {
    const status = String(flow.STORAGE?.status ?? "").toLowerCase();
    const charging = has("pv", "storage") || has("grid", "storage") || status === "charging";
    add(P.battery, charging ? -battery : battery);
  }
  const soc = numeric(flow.STORAGE?.chargeLevel);
  if (soc === null) warnings.push("STORAGE.chargeLevel is not a number");
  add(P.soc, soc ?? null);
  const critical = flow.STORAGE?.critical;
  if (typeof critical === "boolean" || critical === "true" || critical === "false") {
    add(P.critical, critical === true || critical === "true" ? 1 : 0);
  }
  for (const [key, point] of [
    ["PV", P.solarStatus],
    ["LOAD", P.loadStatus],
    ["GRID", P.gridStatus],
    ["STORAGE", P.batteryStatus],
  ] as const) {
    const status = flow[key]?.status;
    if (typeof status === "string" && status.trim()) {
      out.push({ point, measurementTimeMs: timeMs, value: null, valueStr: status.trim().slice(0, 40) });
    }
  }
  return { readings: out, warnings, unitError };
}

/** currentPowerFlow → canonical readings (readPowerFlow without its warnings). */
export function mapPowerFlow(flow: PowerFlow, timeMs: number): Reading[] {
  return readPowerFlow(flow, timeMs).readings;
}

export type EnergyDetails = {
  unit?: unknown;
  meters?: Array<{ type?: unknown; values?: Array<{ date?: unknown; value?: unknown }> }>;
};

/** A quarter-hour of one meter: its END (ms UTC) and Wh. */
export interface Quarter {
  point: PointDefinition;
  endMs: number;
  wh: number;
}

/**
 * Quarter-hour energies from energyDetails. `date` is the quarter's START in site local time; a repeated local
 * hour (DST ending) is read as the later offset when times stop increasing. Values in kWh are × 1000. Quarters
 * without a value (not finished yet) or ending after `untilMs` are skipped.
 */
export function parseQuarters(
  d: EnergyDetails,
  zone: string,
  untilMs: number,
  meters: Record<string, PointDefinition> = ENERGY_METERS,
): Quarter[] {
  // kWh (energyDetails) or kW (powerDetails) are scaled to Wh / W.
  const scale = /^k/i.test(String(d.unit ?? "Wh")) ? 1000 : 1;
  const out: Quarter[] = [];
  for (const m of d.meters ?? []) {
    const point = meters[String(m.type)];
    if (!point) continue;
    let prev = -Infinity;
    for (const v of m.values ?? []) {
      const dt = DateTime.fromFormat(String(v.date ?? ""), "yyyy-MM-dd HH:mm:ss", { zone });
      if (!dt.isValid) continue;
      let start = dt.toMillis();
      if (start <= prev) start = dt.plus({ hours: 1 }).toMillis(); // the repeated hour: later offset
      prev = start;
      const wh = num(v.value);
      const endMs = start + 15 * 60_000;
      if (wh === null || endMs > untilMs) continue;
      out.push({ point, endMs, wh: wh * scale });
    }
  }
  return out;
}

/**
 * Writes a quarter at the 5-minute level by spreading it evenly over its three 5-minute intervals (each a third
 * of the Wh, quality "estimated"): the sum of every day stays exact and 5-minute charts stay smooth.
 */
export function spreadQuarters(quarters: Quarter[]): IntervalReading[] {
  const out: IntervalReading[] = [];
  for (const q of quarters) {
    for (let k = 2; k >= 0; k--) {
      const wh = q.wh / 3;
      out.push({
        point: q.point,
        intervalEndMs: q.endMs - k * 300_000,
        avg: wh,
        min: wh,
        max: wh,
        last: wh,
        delta: wh,
        quality: "estimated",
      });
    }
  }
  return out;
}
