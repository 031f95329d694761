import { definePoint } from "../define";
import type { PointDefinition, Reading } from "../types";

/**
 * Energy site points. Tesla's signs are ours (battery_power + = discharging, grid_power + = importing), so values
 * pass through unchanged; the table test pins that.
 */
export const SITE_POINTS = {
  solar: definePoint("solar_power", "Solar", ["source", "solar", null], "power", "W", "solar"),
  battery: definePoint("battery_power", "Battery", ["bidi", "battery", null], "power", "W", "battery"),
  load: definePoint("load_power", "Load", ["load", null, null], "power", "W", "load"),
  grid: definePoint("grid_power", "Grid", ["bidi", "grid", null], "power", "W", "grid"),
  soc: definePoint("percentage_charged", "Battery SOC", ["bidi", "battery", null], "soc", "%", "battery"),
  gridStatus: definePoint("grid_status", "Grid status", ["bidi", "grid", "status"], "text", "", "grid"),
  islandStatus: definePoint("island_status", "Island status", ["bidi", "grid", "island"], "text", "", "grid"),
  // The home's EV charger load, read from the site without waking (or paying for) the car.
  wallConnector: definePoint("wall_connector_power", "Wall Connector", ["load", "ev", null], "power", "W", "ev"),
} satisfies Record<string, PointDefinition>;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** The timestamp of a live status (ISO with the site's local offset, `Z` or `+00:00`): parsed with its offset. */
export function parseTimestamp(value: unknown, fallbackMs: number): number {
  if (typeof value !== "string") return fallbackMs;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? fallbackMs : ms;
}

/**
 * Whether a live status describes a battery. A solar-only site reports `percentage_charged: 0`,
 * `total_pack_energy: 1` and `grid_status: "Unknown"`: no battery points come from it.
 */
export function hasBattery(live: Record<string, unknown>): boolean {
  const pack = num(live.total_pack_energy);
  return pack !== null && pack > 1;
}

/** The readings of one live_status (W, %, text; ms UTC from its own offset). */
export function liveStatusReadings(live: Record<string, unknown>, nowMs: number): Reading[] {
  const t = parseTimestamp(live.timestamp, nowMs);
  const out: Reading[] = [];
  const add = (point: PointDefinition, value: number | null, valueStr?: string | null) => {
    if (value === null && !valueStr) return;
    out.push({ point, measurementTimeMs: t, value, ...(valueStr ? { valueStr } : {}) });
  };
  const battery = hasBattery(live);
  add(SITE_POINTS.solar, num(live.solar_power));
  add(SITE_POINTS.load, num(live.load_power));
  add(SITE_POINTS.grid, num(live.grid_power));
  if (battery) {
    add(SITE_POINTS.battery, num(live.battery_power));
    add(SITE_POINTS.soc, num(live.percentage_charged));
  }
  const grid = str(live.grid_status);
  if (grid && grid !== "Unknown") add(SITE_POINTS.gridStatus, null, grid);
  const island = str(live.island_status);
  if (island && island !== "island_status_unknown") add(SITE_POINTS.islandStatus, null, island);
  add(SITE_POINTS.wallConnector, wallConnectorPowerW(live));
  return out;
}

/** Whether the site reports Wall Connectors: its live status is then the home's EV charger load. */
export function hasWallConnector(live: Record<string, unknown>): boolean {
  return Array.isArray(live.wall_connectors) && live.wall_connectors.length > 0;
}

/** The Wall Connectors' power summed, W (one EV charger load for the home); null when none reports it. */
export function wallConnectorPowerW(live: Record<string, unknown>): number | null {
  if (!hasWallConnector(live)) return null;
  const powers = (live.wall_connectors as unknown[])
    .map((w) => num((w as Record<string, unknown> | null)?.wall_connector_power))
    .filter((v): v is number => v !== null);
  return powers.length ? powers.reduce((a, b) => a + b, 0) : null;
}

/** Miles (the Fleet API's odometer unit) to km, to 0.1 km. */
export const milesToKm = (miles: number) => Math.round(miles * 1.609344 * 10) / 10;

/**
 * The points of one vehicle (origin id `vehicle:<id>`). The charger power is typed `load.ev/power`: the EV charger
 * load that charging-session detection and the accounts' extra loads read, whatever the vendor. The car's own
 * readings live under the reserved head `load.ev.vehicle` (lib/ev/points.ts), never a charger or an extra load: its
 * energy added counts charging anywhere, not only at home.
 */
export function vehiclePoints(vehicleId: string, name: string) {
  const o = `vehicle:${vehicleId}`;
  const p = (
    sub: string,
    label: string,
    path: [string | null, string | null],
    metric: PointDefinition["metricType"],
    unit: string,
    transform: "d" | null = null,
  ): PointDefinition => ({
    ...definePoint(o, `${name} ${label}`, ["load", path[0], path[1]], metric, unit, "ev", transform),
    originSubId: sub,
  });
  return {
    power: p("charger_power", "charger power", ["ev", null], "power", "W"),
    soc: p("battery_level", "battery level", ["ev", "vehicle"], "soc", "%"),
    // This session's energy added (restarts at 0 for the next session): read as a value, not a meter.
    energyAdded: p("charge_energy_added", "energy added", ["ev", "vehicle"], "energy", "Wh"),
    state: p("charging_state", "charging state", ["ev", "vehicle"], "text", ""),
    limit: p("charge_limit_soc", "charge limit", ["ev", "limit"], "percent", "%"),
    latitude: p("latitude", "latitude", ["ev", "vehicle_lat"], "code", "°"),
    longitude: p("longitude", "longitude", ["ev", "vehicle_lng"], "code", "°"),
    odometer: p("odometer", "odometer", ["ev", "vehicle_odometer"], "code", "km"),
  };
}

/**
 * The readings of one vehicle_data answer. Charger power is voltage × current when both are present (charger_power
 * is a whole number of kW; the voltage reads ~2 V when idle), else charger_power kW; 0 when unplugged or on a DC
 * fast charger (that is not the home's load). None when the home has a Wall Connector (`wallConnector`): the site
 * measures the home's charger then. Location only when the location scope was granted; the odometer in km.
 */
export function vehicleReadings(
  vehicleId: string,
  name: string,
  data: Record<string, unknown>,
  opts: { nowMs: number; location: boolean; wallConnector?: boolean },
): Reading[] {
  const pts = vehiclePoints(vehicleId, name);
  const charge = (data.charge_state ?? {}) as Record<string, unknown>;
  const drive = (data.drive_state ?? {}) as Record<string, unknown>;
  const vehicle = (data.vehicle_state ?? {}) as Record<string, unknown>;
  const t = num(charge.timestamp) ?? opts.nowMs;
  const out: Reading[] = [];
  const add = (point: PointDefinition, value: number | null, valueStr?: string | null) => {
    if (value === null && !valueStr) return;
    out.push({ point, measurementTimeMs: t, value, ...(valueStr ? { valueStr } : {}) });
  };
  if (!opts.wallConnector) add(pts.power, chargerPowerW(charge));
  add(pts.soc, num(charge.battery_level));
  const added = num(charge.charge_energy_added);
  add(pts.energyAdded, added === null ? null : Math.round(added * 1000));
  add(pts.state, null, str(charge.charging_state));
  add(pts.limit, num(charge.charge_limit_soc));
  const lat = num(drive.latitude);
  const lng = num(drive.longitude);
  if (opts.location && lat !== null && lng !== null) {
    add(pts.latitude, Math.round(lat * 1e5) / 1e5);
    add(pts.longitude, Math.round(lng * 1e5) / 1e5);
  }
  const miles = num(vehicle.odometer);
  if (miles !== null && miles >= 0) {
    out.push({ point: pts.odometer, measurementTimeMs: num(vehicle.timestamp) ?? t, value: milesToKm(miles) });
  }
  return out;
}

/** The home charger's power in W from a charge_state (see vehicleReadings). */
export function chargerPowerW(charge: Record<string, unknown>): number {
  if (charge.fast_charger_present === true) return 0;
  const state = str(charge.charging_state);
  if (state !== "Charging" && state !== "Starting") return 0;
  const v = num(charge.charger_voltage);
  const a = num(charge.charger_actual_current);
  if (v !== null && a !== null && v > 50) return Math.round(v * a);
  const kw = num(charge.charger_power);
  return kw === null ? 0 : Math.round(kw * 1000);
}

/** Whether a charge_state says the car is charging now (poll every 2 minutes). */
export function isCharging(charge: Record<string, unknown> | undefined): boolean {
  const s = str(charge?.charging_state);
  return s === "Charging" || s === "Starting";
}
