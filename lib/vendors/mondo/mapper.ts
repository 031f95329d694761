import "server-only";
import type { PointType } from "@/lib/points";
import type { PointDefinition, Reading } from "../types";
import type { MondoRow } from "./client";

/** Suggested place of a circuit by Mondo's loadType; "Other" (and anything unknown) is a load the user may rename. */
const PLACE: Record<string, { type: PointType; subtype: string; subsystem: string }> = {
  PvInverter: { type: "source", subtype: "solar", subsystem: "solar" },
  HybridPv: { type: "source", subtype: "solar", subsystem: "solar" },
  HybridBattery: { type: "bidi", subtype: "battery", subsystem: "battery" },
  GateMeter: { type: "bidi", subtype: "grid", subsystem: "grid" },
  Hybridinverter: { type: "bidi", subtype: "inverter", subsystem: "inverter" },
};

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

/**
 * The two points of every row: power (W) and its lifetime counter (Wh, `d`), identified by monitoringPointId.
 * Paths are suggestions (source.solar.<slug>, bidi.battery.<slug>, bidi.grid.<slug>, load.<slug>) made unique
 * within the response; once a point exists, the user's classification wins (ingest never overwrites point_info).
 */
export function pointsOf(rows: MondoRow[]): Map<string, { power: PointDefinition; energy: PointDefinition }> {
  const used = new Set<string>();
  const out = new Map<string, { power: PointDefinition; energy: PointDefinition }>();
  for (const row of [...rows].sort((a, b) => a.monitoringPointId.localeCompare(b.monitoringPointId))) {
    const name = row.monitoringPointName ?? row.name ?? row.monitoringPointId;
    const known = PLACE[row.loadType ?? ""];
    const place = known ?? { type: "load" as const, subtype: null, subsystem: "load" };
    const base = slugOf(name, row.monitoringPointId);
    let slug = base;
    for (let n = 2; used.has(`${place.type}.${place.subtype}.${slug}`); n++) slug = `${base}_${n}`;
    used.add(`${place.type}.${place.subtype}.${slug}`);
    // For loads the slug is the subtype (load.air_conditioner); elsewhere it is the extension.
    const path = known ? { subtype: known.subtype, extension: slug } : { subtype: slug, extension: null };
    const def = (metric: "power" | "energy"): PointDefinition => ({
      originId: row.monitoringPointId,
      originSubId: metric,
      name: metric === "power" ? name : `${name} energy`,
      type: place.type,
      ...path,
      metricType: metric,
      unit: metric === "power" ? "W" : "Wh",
      transform: metric === "energy" ? "d" : null,
      subsystem: place.subsystem,
    });
    out.set(row.monitoringPointId, { power: def("power"), energy: def("energy") });
  }
  return out;
}

/**
 * Rows → readings at the receive time (Mondo sends no timestamp). Sign: the platform reports battery + when
 * discharging and the gate meter + when importing (flows into the home are positive), which is our convention.
 */
export function mapRows(rows: MondoRow[], receivedMs: number): Reading[] {
  const points = pointsOf(rows);
  const out: Reading[] = [];
  for (const row of rows) {
    const p = points.get(row.monitoringPointId)!;
    if (row.energyNowW != null) out.push({ point: p.power, measurementTimeMs: receivedMs, value: row.energyNowW });
    if (row.totalEnergyWh != null)
      out.push({ point: p.energy, measurementTimeMs: receivedMs, value: row.totalEnergyWh });
  }
  return out;
}
