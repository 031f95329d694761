import "server-only";
import type { PointType } from "@/lib/points";
import { DateTime } from "luxon";
import type { IntervalReading, PointDefinition, Reading } from "../types";
import type { MondoRow } from "./client";

/** Suggested place of a circuit by Mondo's loadType; "Other" (and anything unknown) is a load the user may rename. */
const PLACE: Record<string, { type: PointType; subtype: string; subsystem: string }> = {
  PvInverter: { type: "source", subtype: "solar", subsystem: "solar" },
  HybridPv: { type: "source", subtype: "solar", subsystem: "solar" },
  HybridBattery: { type: "bidi", subtype: "battery", subsystem: "battery" },
  GateMeter: { type: "bidi", subtype: "grid", subsystem: "grid" },
  Hybridinverter: { type: "bidi", subtype: "inverter", subsystem: "inverter" },
};

/** A circuit named for an EV charger ("EV Charger", "EV", "Car charger"): typed as the EV charger load, `load.ev`. */
const EV_CIRCUIT = /^(ev|ev_charger|ev_charging|car_charger|electric_vehicle|electric_vehicle_charger)(_\d+)?$/;

/** A path segment from a circuit name: "Air Conditioner" → "air_conditioner". */
export function slugOf(name: string, fallback: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 32)
    .replace(/_+$/, "");
  return (
    s ||
    fallback
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 8)
      .toLowerCase() ||
    "circuit"
  );
}

/** The points of one row: power, lifetime counter, SoC (batteries that send it), Mondo's today/yesterday energy. */
export interface RowPoints {
  power: PointDefinition;
  energy: PointDefinition;
  soc: PointDefinition | null;
  today: PointDefinition;
  yesterday: PointDefinition;
}

/**
 * Where a row's power and counter go, by capability. The first gate meter IS the site's grid (`bidi.grid/power`,
 * + import; its counter, energy imported, is `bidi.grid.import/energy`); the first hybrid battery IS the battery
 * (`bidi.battery/power`, + discharging; its counter, energy discharged, is `bidi.battery.discharge/energy`; its
 * SoC `bidi.battery/soc`). These are the paths every other vendor's grid and battery have, so the live cards,
 * flows and energy accounts find them. Solar rows are parts (`source.solar.<slug>`, summed into solar), other
 * circuits loads with their own name (`load.<slug>`). A second gate meter or battery keeps a slug extension
 * (`bidi.grid.<slug>`), never counted twice.
 */
function pathsOf(loadType: string, slug: string, taken: Set<string>): { power: Path; energy: Path; soc: Path | null } {
  const known = PLACE[loadType];
  if (!known && EV_CIRCUIT.test(slug)) return { power: ["load", "ev", null], energy: ["load", "ev", null], soc: null };
  if (!known) return { power: ["load", slug, null], energy: ["load", slug, null], soc: null };
  const t = known.type;
  const first = !taken.has(known.subtype);
  taken.add(known.subtype);
  if (first && known.subtype === "grid") return { power: [t, "grid", null], energy: [t, "grid", "import"], soc: null };
  if (first && known.subtype === "battery")
    return { power: [t, "battery", null], energy: [t, "battery", "discharge"], soc: [t, "battery", null] };
  return { power: [t, known.subtype, slug], energy: [t, known.subtype, slug], soc: null };
}
type Path = [PointType, string, string | null];

/**
 * The points of every row, identified by `(monitoringPointId, power | energy | soc | energy_today |
 * energy_yesterday)`; paths by capability (pathsOf), slugs unique within the response (rows by id). Mondo's own
 * energy today and yesterday are unclassified points (no path: they are reconciliation figures, never a flow,
 * so nothing sums them with the counter). Once a point exists, the user's classification wins (ingest never
 * overwrites point_info).
 */
export function pointsOf(rows: MondoRow[]): Map<string, RowPoints> {
  const used = new Set<string>();
  const taken = new Set<string>();
  const out = new Map<string, RowPoints>();
  for (const row of [...rows].sort((a, b) => a.monitoringPointId.localeCompare(b.monitoringPointId))) {
    const name = row.monitoringPointName ?? row.name ?? row.monitoringPointId;
    const known = PLACE[row.loadType ?? ""];
    const group = known ? `${known.type}.${known.subtype}` : "load";
    const base = slugOf(name, row.monitoringPointId);
    let slug = base;
    for (let n = 2; used.has(`${group}.${slug}`); n++) slug = `${base}_${n}`;
    used.add(`${group}.${slug}`);
    const subsystem = known?.subsystem ?? "load";
    const paths = pathsOf(row.loadType ?? "", slug, taken);
    const def = (
      sub: string,
      label: string,
      path: Path | null,
      metricType: "power" | "energy" | "soc",
      transform: "d" | null,
    ): PointDefinition => ({
      originId: row.monitoringPointId,
      originSubId: sub,
      name: label,
      type: path?.[0] ?? null,
      subtype: path?.[1] ?? null,
      extension: path?.[2] ?? null,
      metricType,
      unit: metricType === "power" ? "W" : metricType === "soc" ? "%" : "Wh",
      transform,
      subsystem,
    });
    out.set(row.monitoringPointId, {
      power: def("power", name, paths.power, "power", null),
      energy: def("energy", `${name} energy`, paths.energy, "energy", "d"),
      soc: paths.soc ? def("soc", `${name} SoC`, paths.soc, "soc", null) : null,
      // Mondo's energy since local midnight: a counter that restarts every day.
      today: def("energy_today", `${name} energy today (Mondo)`, null, "energy", "d"),
      yesterday: def("energy_yesterday", `${name} energy yesterday (Mondo)`, null, "energy", null),
    });
  }
  return out;
}

/**
 * Rows → readings at the receive time (Mondo sends no timestamp). Sign: the platform reports battery + when
 * discharging and the gate meter + when importing (flows into the home are positive), which is our convention.
 * Mondo's energy today is a counter (transform `d`) restarting at local midnight.
 */
export function mapRows(rows: MondoRow[], receivedMs: number): Reading[] {
  const points = pointsOf(rows);
  const out: Reading[] = [];
  const add = (point: PointDefinition | null, value: number | null | undefined) => {
    if (point && value != null) out.push({ point, measurementTimeMs: receivedMs, value });
  };
  for (const row of rows) {
    const p = points.get(row.monitoringPointId)!;
    add(p.power, row.energyNowW);
    add(p.energy, row.totalEnergyWh);
    add(p.soc, row.stateOfCharge);
    add(p.today, row.energyTodayWh);
  }
  return out;
}

/**
 * Mondo's energy of yesterday (a whole local day in `zone`) as one 5-minute value at the interval ending at
 * today's local midnight, which belongs to yesterday: the day's aggregate of that point is then Mondo's own
 * figure for the day, to set beside the day's delta of the lifetime counter. Re-sent every poll; the same
 * interval is overwritten, so a late correction wins.
 */
export function mapYesterday(rows: MondoRow[], receivedMs: number, zone: string): IntervalReading[] {
  const midnight = DateTime.fromMillis(receivedMs, { zone }).startOf("day");
  if (!midnight.isValid) return [];
  const points = pointsOf(rows);
  const out: IntervalReading[] = [];
  for (const row of rows) {
    const wh = row.energyYesterdayWh;
    if (wh == null) continue;
    const point = points.get(row.monitoringPointId)!.yesterday;
    out.push({ point, intervalEndMs: midnight.toMillis(), avg: wh, min: wh, max: wh, last: wh, delta: wh });
  }
  return out;
}
