import "server-only";
import { insertPoints, listPoints, type NewPoint, type PointRow } from "@/lib/db/queries/points";
import { METRIC_UNITS, type MetricType } from "@/lib/points";
import { coalesce } from "./coalesce";
import type { PointDefinition } from "@/lib/vendors/types";

/** The identity key of a vendor point within a system: (origin_id, origin_sub_id). */
export function originKey(originId: string, originSubId?: string | null): string {
  return `${originId}\u0000${originSubId ?? ""}`;
}

export interface SystemPoints {
  /** Every point of the system (including inactive), by id. */
  byId: Map<number, PointRow>;
  /** The same points by origin key. */
  byOrigin: Map<string, PointRow>;
  created: number;
}

/** The points of every system whose poll reaches this step in the same turn, in one query. */
const loadPointsMerged = coalesce<number, PointRow[]>(async (systemIds) => {
  const bySystem = new Map<number, PointRow[]>();
  for (const p of await listPoints([...new Set(systemIds)])) {
    if (!bySystem.has(p.systemId)) bySystem.set(p.systemId, []);
    bySystem.get(p.systemId)!.push(p);
  }
  return systemIds.map((id) => bySystem.get(id) ?? []);
});

/**
 * Loads the system's points and creates the missing ones (lazy creation, ids sequential per system) with
 * INSERT … ON CONFLICT DO NOTHING, so an existing point and its user edits are never overwritten.
 */
export async function ensurePoints(systemId: number, defs: PointDefinition[], nowMs: number): Promise<SystemPoints> {
  let [rows] = await loadPointsMerged([systemId]);
  let created = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const known = new Set(rows.map((p) => originKey(p.originId, p.originSubId)));
    const missing = new Map<string, PointDefinition>();
    for (const d of defs) {
      const key = originKey(d.originId, d.originSubId);
      if (!known.has(key) && !missing.has(key)) missing.set(key, d);
    }
    if (!missing.size) break;
    const firstId = rows.reduce((m, p) => Math.max(m, p.id), 0) + 1;
    await insertPoints(systemId, [...missing.values()].map(toNewPoint), firstId, nowMs);
    const before = rows.length;
    rows = await listPoints([systemId]);
    created += rows.length - before;
  }
  const byId = new Map(rows.map((p) => [p.id, p]));
  const byOrigin = new Map(rows.map((p) => [originKey(p.originId, p.originSubId), p]));
  return { byId, byOrigin, created };
}

function toNewPoint(d: PointDefinition): NewPoint {
  return {
    originId: d.originId,
    originSubId: d.originSubId ?? "",
    name: d.name,
    subsystem: d.subsystem ?? null,
    type: d.type ?? null,
    subtype: d.subtype ?? null,
    extension: d.subtype ? (d.extension ?? null) : null,
    metricType: d.metricType,
    metricUnit: d.unit || METRIC_UNITS[d.metricType as MetricType] || "",
    transform: d.transform ?? null,
  };
}
