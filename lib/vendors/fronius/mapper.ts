import "server-only";
import { definePoint } from "../define";
import type { PointDefinition, Reading } from "../types";
import type { FroniusStore } from "./schema";

const point = definePoint;

/**
 * Every point a Fronius push produces; originId is the body field. Energies are Wh in the interval (no `d`
 * transform: the 5-minute level sums them). Sign: the pusher sends batteryW + discharging / − charging and
 * gridW + import / − export (Fronius' own P_Akku and P_Grid signs), which is our convention: passed through.
 */
export const FRONIUS_POINTS = {
  solarW: point("solarW", "Solar", ["source", "solar", null], "power", "W", "solar"),
  solarRemoteW: point("solarRemoteW", "Solar (AC-coupled)", ["source", "solar", "remote"], "power", "W", "solar"),
  solarLocalW: point("solarLocalW", "Solar (DC)", ["source", "solar", "local"], "power", "W", "solar"),
  loadW: point("loadW", "Load", ["load", null, null], "power", "W", "load"),
  batteryW: point("batteryW", "Battery", ["bidi", "battery", null], "power", "W", "battery"),
  gridW: point("gridW", "Grid", ["bidi", "grid", null], "power", "W", "grid"),
  batterySOC: point("batterySOC", "Battery SOC", ["bidi", "battery", null], "soc", "%", "battery"),
  faultCode: point("faultCode", "Inverter fault", ["bidi", "inverter", "fault"], "text", "", "inverter"),
  faultTimestamp: point(
    "faultTimestamp",
    "Inverter fault time",
    ["bidi", "inverter", "fault"],
    "time",
    "ms",
    "inverter",
  ),
  generatorStatus: point("generatorStatus", "Generator status", ["source", "generator", null], "code", "", "generator"),
  solarWhInterval: point("solarWhInterval", "Solar energy", ["source", "solar", null], "energy", "Wh", "solar"),
  loadWhInterval: point("loadWhInterval", "Load energy", ["load", null, null], "energy", "Wh", "load"),
  batteryInWhInterval: point(
    "batteryInWhInterval",
    "Battery charge energy",
    ["bidi", "battery", "charge"],
    "energy",
    "Wh",
    "battery",
  ),
  batteryOutWhInterval: point(
    "batteryOutWhInterval",
    "Battery discharge energy",
    ["bidi", "battery", "discharge"],
    "energy",
    "Wh",
    "battery",
  ),
  gridInWhInterval: point("gridInWhInterval", "Grid import energy", ["bidi", "grid", "import"], "energy", "Wh", "grid"),
  gridOutWhInterval: point(
    "gridOutWhInterval",
    "Grid export energy",
    ["bidi", "grid", "export"],
    "energy",
    "Wh",
    "grid",
  ),
} satisfies Record<string, PointDefinition>;

const NUMERIC = [
  "solarRemoteW",
  "solarLocalW",
  "loadW",
  "batteryW",
  "gridW",
  "batterySOC",
  "generatorStatus",
  "solarWhInterval",
  "loadWhInterval",
  "batteryInWhInterval",
  "batteryOutWhInterval",
  "gridInWhInterval",
  "gridOutWhInterval",
] as const;

/** Fault time as ms: ISO, or a number in Unix seconds (below 1e11) or ms. */
function faultTimeMs(v: number | string): number | null {
  if (typeof v === "string") return Date.parse(v);
  if (v <= 0) return null;
  return v < 1e11 ? v * 1000 : v;
}

/** A validated store push → readings at its timestamp; solar is solarW, else local + remote when either is given. */
export function mapPush(body: FroniusStore): Reading[] {
  const t = Date.parse(body.timestamp);
  const out: Reading[] = [];
  const add = (p: PointDefinition, value: number | null, valueStr?: string) =>
    out.push({ point: p, measurementTimeMs: t, value, ...(valueStr !== undefined ? { valueStr } : {}) });
  const solar =
    body.solarW ??
    (body.solarLocalW != null || body.solarRemoteW != null ? (body.solarLocalW ?? 0) + (body.solarRemoteW ?? 0) : null);
  if (solar != null) add(FRONIUS_POINTS.solarW, solar);
  for (const field of NUMERIC) {
    const v = body[field];
    if (v != null) add(FRONIUS_POINTS[field], v);
  }
  const fault = body.faultCode;
  if (fault != null && fault !== 0 && fault !== "0" && fault !== "") add(FRONIUS_POINTS.faultCode, null, String(fault));
  const ft = body.faultTimestamp == null ? null : faultTimeMs(body.faultTimestamp);
  if (ft !== null && Number.isFinite(ft)) add(FRONIUS_POINTS.faultTimestamp, ft);
  return out;
}
