import "server-only";
import { insertPoints, listPoints, pointInfoVersions, type NewPoint, type PointRow } from "@/lib/db/queries/points";
import { METRIC_UNITS, type MetricType } from "@/lib/points";
import { coalesce } from "@/lib/db/coalesce";
import type { PointDefinition } from "@/lib/vendors/types";

/** The identity key of a vendor point within a system: (origin_id, origin_sub_id). */
export function originKey(originId: string, originSubId?: string | null): string {
  return `${originId}\u0000${originSubId ?? ""}`;
}

export interface SystemPoints {
  /** Every point of the system (including inactive), by id. */
  byId: Map<number, PointRow>;
  /** The same points by origin_id, then origin_sub_id ("" for none): no key string is built per reading. */
  byOrigin: Map<string, Map<string, PointRow>>;
  created: number;
}

/** What ensurePoints answers: the system's points, and the point of each definition given, in order. */
export interface EnsuredPoints extends SystemPoints {
  of: PointRow[];
}

/** The point with this origin identity, if the system has it. */
export function findPoint(points: SystemPoints, originId: string, originSubId?: string | null): PointRow | undefined {
  return points.byOrigin.get(originId)?.get(originSubId ?? "");
}

/**
 * Each system's points as last read, with the version they were read under. Every poll needs its system's
 * points, and building thousands of JS rows per cron turn costs more than storing the readings; the system's
 * row in point_info_version (one integer, changed by triggers on every insert, update or delete of its points:
 * migrations/0009_point_info_version.sql) says whether the copy is still current, so any edit, by any write
 * path, is seen by the next poll.
 */
const pointCache = new Map<number, { version: string; points: SystemPoints }>();
const MAX_CACHED_SYSTEMS = 5_000;

function indexPoints(rows: PointRow[]): SystemPoints {
  const byId = new Map(rows.map((p) => [p.id, p]));
  const byOrigin = new Map<string, Map<string, PointRow>>();
  for (const p of rows) {
    let subs = byOrigin.get(p.originId);
    if (!subs) byOrigin.set(p.originId, (subs = new Map()));
    subs.set(p.originSubId ?? "", p);
  }
  return { byId, byOrigin, created: 0 };
}

/** The points of every system whose poll reaches this step in the same turn, in one or two queries. */
const loadPointsMerged = coalesce<number, SystemPoints>(async (systemIds) => {
  const ids = [...new Set(systemIds)];
  const versions = await pointInfoVersions(ids);
  const stale = ids.filter((id) => pointCache.get(id)?.version !== (versions.get(id) ?? "none"));
  if (stale.length) {
    const bySystem = new Map<number, PointRow[]>(stale.map((id) => [id, []]));
    for (const p of await listPoints(stale)) bySystem.get(p.systemId)!.push(p);
    if (pointCache.size + stale.length > MAX_CACHED_SYSTEMS) pointCache.clear();
    for (const [id, rows] of bySystem) {
      pointCache.set(id, { version: versions.get(id) ?? "none", points: indexPoints(rows) });
    }
  }
  return systemIds.map((id) => pointCache.get(id)!.points);
});

/**
 * Loads the system's points and creates the missing ones (lazy creation, ids sequential per system) with
 * INSERT … ON CONFLICT DO NOTHING, so an existing point and its user edits are never overwritten. Answers the
 * point of each definition in `of`, in order. The maps are shared with the cache: callers read them and never
 * change them.
 */
export async function ensurePoints(systemId: number, defs: PointDefinition[], nowMs: number): Promise<EnsuredPoints> {
  let [points] = await loadPointsMerged([systemId]);
  let created = 0;
  let of: Array<PointRow | undefined> = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    of = defs.map((d) => findPoint(points, d.originId, d.originSubId));
    const missing = new Map<string, PointDefinition>();
    defs.forEach((d, i) => {
      if (!of[i]) missing.set(originKey(d.originId, d.originSubId), d);
    });
    if (!missing.size) break;
    const rows = [...points.byId.values()];
    const firstId = rows.reduce((m, p) => Math.max(m, p.id), 0) + 1;
    await insertPoints(systemId, [...missing.values()].map(toNewPoint), firstId, nowMs);
    const now = await listPoints([systemId]);
    created += now.length - rows.length;
    points = indexPoints(now);
    of = defs.map((d) => findPoint(points, d.originId, d.originSubId));
  }
  const missing = of.findIndex((p) => !p);
  if (missing >= 0) throw new Error(`point ${defs[missing].originId} of system ${systemId} could not be created`);
  return { ...points, created, of: of as PointRow[] };
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
