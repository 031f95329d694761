import "server-only";
import { definePoint } from "../define";
import type { PointDefinition, Reading } from "../types";

/** The `items` object of GET /dashboard/hfdata/{n}; every field may be missing on a partial response. */
export type SelectHfItems = Record<string, unknown>;

const point = definePoint;

/**
 * Every point a Selectronic system produces; originId is the hfdata field name (solar_w is derived:
 * solarinverter_w + shunt_w). Sign: select.live already reports battery_w + discharging / − charging and
 * grid_w + import / − export, which is our convention, so powers pass through unchanged.
 */
export const SELECTRONIC_POINTS = {
  solar: point("solar_w", "Solar", ["source", "solar", null], "power", "W", "solar"),
  solarRemote: point("solarinverter_w", "Solar (AC-coupled)", ["source", "solar", "remote"], "power", "W", "solar"),
  solarLocal: point("shunt_w", "Solar (DC shunt)", ["source", "solar", "local"], "power", "W", "solar"),
  load: point("load_w", "Load", ["load", null, null], "power", "W", "load"),
  battery: point("battery_w", "Battery", ["bidi", "battery", null], "power", "W", "battery"),
  grid: point("grid_w", "Grid", ["bidi", "grid", null], "power", "W", "grid"),
  soc: point("battery_soc", "Battery SOC", ["bidi", "battery", null], "soc", "%", "battery"),
  faultCode: point("fault_code", "Inverter fault", ["bidi", "inverter", "fault"], "text", "", "inverter"),
  faultTime: point("fault_ts", "Inverter fault time", ["bidi", "inverter", "fault"], "time", "ms", "inverter"),
  generator: point("gen_status", "Generator status", ["source", "generator", null], "code", "", "generator"),
  solarEnergy: point("solar_wh_total", "Solar energy", ["source", "solar", null], "energy", "Wh", "solar", "d"),
  loadEnergy: point("load_wh_total", "Load energy", ["load", null, null], "energy", "Wh", "load", "d"),
  chargeEnergy: point(
    "battery_in_wh_total",
    "Battery charge energy",
    ["bidi", "battery", "charge"],
    "energy",
    "Wh",
    "battery",
    "d",
  ),
  dischargeEnergy: point(
    "battery_out_wh_total",
    "Battery discharge energy",
    ["bidi", "battery", "discharge"],
    "energy",
    "Wh",
    "battery",
    "d",
  ),
  importEnergy: point(
    "grid_in_wh_total",
    "Grid import energy",
    ["bidi", "grid", "import"],
    "energy",
    "Wh",
    "grid",
    "d",
  ),
  exportEnergy: point(
    "grid_out_wh_total",
    "Grid export energy",
    ["bidi", "grid", "export"],
    "energy",
    "Wh",
    "grid",
    "d",
  ),
} satisfies Record<string, PointDefinition>;

const P = SELECTRONIC_POINTS;
/** Power fields in W, passed through (sign already canonical). */
const POWER: Array<[string, PointDefinition]> = [
  ["solarinverter_w", P.solarRemote],
  ["shunt_w", P.solarLocal],
  ["load_w", P.load],
  ["battery_w", P.battery],
  ["grid_w", P.grid],
  ["battery_soc", P.soc],
];
/** Lifetime counters: named `_wh_` but reported in kWh, so × 1000 to Wh. */
const COUNTERS: PointDefinition[] = [
  P.solarEnergy,
  P.loadEnergy,
  P.chargeEnergy,
  P.dischargeEnergy,
  P.importEnergy,
  P.exportEnergy,
];

/** A number, or a numeric string ("1842.6", as some select.live payloads send); null otherwise. */
export function num(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

/** The earliest and the latest (relative to now) measurement time we accept. */
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const FUTURE_SLACK_MS = 24 * 3_600_000;
/** Unix seconds for any year up to 33658 stay below this; Unix ms of any year after 2001 are above it. */
const MS_THRESHOLD = 1e12;

/** A Unix time in seconds or milliseconds (recognised by size: unambiguous for 2001–33658) as ms. */
export function unixToMs(v: number): number {
  return Math.abs(v) >= MS_THRESHOLD ? Math.round(v) : Math.round(v * 1000);
}

/**
 * The measurement time of an hfdata payload in ms: `timestamp` in Unix seconds, or in milliseconds (recognised by
 * size), or a numeric string of either. `{ error }` names what is wrong when it is missing or impossible (before
 * 2000, or more than a day after `nowMs`).
 */
export function hfTime(
  items: SelectHfItems,
  nowMs: number,
): { ms: number } | { error: string; kind: "missing" | "impossible" } {
  const raw = items.timestamp;
  const ts = num(raw);
  if (ts === null || ts <= 0) {
    return { error: `has no usable timestamp (${JSON.stringify(raw ?? null).slice(0, 40)})`, kind: "missing" };
  }
  const ms = unixToMs(ts);
  if (ms < EARLIEST_MS || ms > nowMs + FUTURE_SLACK_MS) {
    const when = Number.isFinite(new Date(ms).getTime()) ? new Date(ms).toISOString() : "out of range";
    return {
      error: `has an impossible timestamp ${String(raw).slice(0, 24)} (${when}); nothing was stored`,
      kind: "impossible",
    };
  }
  return { ms };
}

/** The measurement time of an hfdata payload in ms, or null when it has none or an impossible one. */
export function hfTimeMs(items: SelectHfItems, nowMs = Date.now()): number | null {
  const t = hfTime(items, nowMs);
  return "ms" in t ? t.ms : null;
}

/**
 * Maps hfdata items to canonical readings (W, Wh, %, ms); numbers may be numeric strings; fields that are missing
 * or not numbers are skipped. Empty when the timestamp is missing or impossible (see hfTime).
 */
export function mapHfItems(items: SelectHfItems, nowMs = Date.now()): Reading[] {
  const t = hfTimeMs(items, nowMs);
  if (t === null) return [];
  const out: Reading[] = [];
  const add = (p: PointDefinition, value: number | null, valueStr?: string) =>
    out.push({ point: p, measurementTimeMs: t, value, ...(valueStr !== undefined ? { valueStr } : {}) });

  const remote = num(items.solarinverter_w);
  const local = num(items.shunt_w);
  if (remote !== null || local !== null) add(P.solar, (remote ?? 0) + (local ?? 0));
  for (const [field, p] of POWER) {
    const v = num(items[field]);
    if (v !== null) add(p, v);
  }
  const fault = items.fault_code;
  if (fault !== undefined && fault !== null && fault !== 0 && fault !== "0" && fault !== "") {
    add(P.faultCode, null, String(fault));
  }
  const faultTs = num(items.fault_ts);
  if (faultTs !== null && faultTs > 0) add(P.faultTime, unixToMs(faultTs));
  const gen = num(items.gen_status);
  if (gen !== null) add(P.generator, gen);
  for (const p of COUNTERS) {
    const kwh = num(items[p.originId]);
    if (kwh !== null) add(p, Math.round(kwh * 1_000_000) / 1000);
  }
  return out;
}
