import { DateTime } from "luxon";
import type { IntervalReading, PointDefinition, Reading } from "../types";

const p = (
  originId: string,
  name: string,
  type: "source" | "load" | "bidi",
  subtype: string | null,
  extension: string | null,
  metricType: "power" | "energy" | "soc",
  unit: string,
  subsystem: string,
): PointDefinition => ({ originId, name, type, subtype, extension, metricType, unit, transform: null, subsystem });

/**
 * SolarEdge points. Powers come from currentPowerFlow (unsigned magnitudes made signed here: battery
 * + discharging / − charging, grid + import / − export); energies are quarter-hour Wh from energyDetails.
 */
export const SOLAREDGE_POINTS = {
  solar: p("PV", "Solar", "source", "solar", null, "power", "W", "solar"),
  load: p("LOAD", "Load", "load", null, null, "power", "W", "load"),
  grid: p("GRID", "Grid", "bidi", "grid", null, "power", "W", "grid"),
  battery: p("STORAGE", "Battery", "bidi", "battery", null, "power", "W", "battery"),
  soc: p("STORAGE.chargeLevel", "Battery SOC", "bidi", "battery", null, "soc", "%", "battery"),
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

type Node = { status?: unknown; currentPower?: unknown; chargeLevel?: unknown };
export type PowerFlow = {
  unit?: unknown;
  connections?: Array<{ from?: unknown; to?: unknown }>;
  GRID?: Node;
  LOAD?: Node;
  PV?: Node;
  STORAGE?: Node;
};

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * currentPowerFlow → canonical readings at `timeMs`. Unit from `unit` (kW × 1000, W as is). Directions from
 * `connections` (case-insensitive): grid + when GRID→Load, − when LOAD→Grid; battery + when STORAGE→Load or
 * status Discharging, − when PV/GRID→Storage or status Charging. Nodes absent from the payload are skipped.
 */
export function mapPowerFlow(flow: PowerFlow, timeMs: number): Reading[] {
  const unit = String(flow.unit ?? "W").trim();
  const scale = /^kw$/i.test(unit) ? 1000 : /^mw$/i.test(unit) ? 1_000_000 : 1;
  const links = (flow.connections ?? []).map((c) => [String(c.from).toLowerCase(), String(c.to).toLowerCase()]);
  const has = (from: string, to: string) => links.some(([f, t]) => f === from && t === to);
  const watts = (n: Node | undefined) => {
    const v = num(n?.currentPower);
    return v === null ? null : Math.round(Math.abs(v) * scale * 1000) / 1000;
  };
  const out: Reading[] = [];
  const add = (point: PointDefinition, value: number | null) => {
    if (value !== null) out.push({ point, measurementTimeMs: timeMs, value: value === 0 ? 0 : value });
  };
  add(P.solar, watts(flow.PV));
  add(P.load, watts(flow.LOAD));
  const grid = watts(flow.GRID);
  if (grid !== null) add(P.grid, has("load", "grid") ? -grid : grid);
  const battery = watts(flow.STORAGE);
  if (battery !== null) {
    const status = String(flow.STORAGE?.status ?? "").toLowerCase();
    const charging = has("pv", "storage") || has("grid", "storage") || status === "charging";
    add(P.battery, charging ? -battery : battery);
  }
  add(P.soc, num(flow.STORAGE?.chargeLevel));
  return out;
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
export function parseQuarters(d: EnergyDetails, zone: string, untilMs: number): Quarter[] {
  const scale = /^kwh$/i.test(String(d.unit ?? "Wh")) ? 1000 : 1;
  const out: Quarter[] = [];
  for (const m of d.meters ?? []) {
    const point = ENERGY_METERS[String(m.type)];
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
