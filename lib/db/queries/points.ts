import "server-only";
import { getDb } from "@/lib/db/client";

/** The point_info columns the pipeline needs. */
export interface PointRow {
  systemId: number;
  id: number;
  originId: string;
  originSubId: string;
  displayName: string;
  type: string | null;
  subtype: string | null;
  extension: string | null;
  metricType: string;
  metricUnit: string;
  transform: "i" | "d" | null;
  active: boolean;
}

export interface NewPoint {
  originId: string;
  originSubId: string;
  name: string;
  subsystem: string | null;
  type: string | null;
  subtype: string | null;
  extension: string | null;
  metricType: string;
  metricUnit: string;
  transform: "i" | "d" | null;
}

const COLUMNS =
  "system_id, id, origin_id, origin_sub_id, display_name, type, subtype, extension, metric_type, metric_unit, transform, active";

function toPoint(r: Record<string, unknown>): PointRow {
  return {
    systemId: Number(r.system_id),
    id: Number(r.id),
    originId: String(r.origin_id),
    originSubId: String(r.origin_sub_id ?? ""),
    displayName: String(r.display_name),
    type: (r.type as string | null) ?? null,
    subtype: (r.subtype as string | null) ?? null,
    extension: (r.extension as string | null) ?? null,
    metricType: String(r.metric_type),
    metricUnit: String(r.metric_unit),
    transform: (r.transform as "i" | "d" | null) ?? null,
    active: Number(r.active) === 1,
  };
}

/** Every point of the given systems (active or not), ordered by system and id. */
export async function listPoints(systemIds: number[]): Promise<PointRow[]> {
  if (!systemIds.length) return [];
  const res = await getDb().$client.execute({
    sql: `SELECT ${COLUMNS} FROM point_info WHERE system_id IN (${systemIds.map(() => "?").join(",")}) ORDER BY system_id, id`,
    args: systemIds,
  });
  return res.rows.map((r) => toPoint(r as unknown as Record<string, unknown>));
}

/**
 * Inserts points with ids following the system's highest id. ON CONFLICT DO NOTHING: a point that already
 * exists (by origin) is never overwritten, so user edits survive; a lost id race simply inserts nothing.
 */
export async function insertPoints(
  systemId: number,
  points: NewPoint[],
  firstId: number,
  nowMs: number,
): Promise<void> {
  if (!points.length) return;
  const args: Array<string | number | null> = [];
  const rows = points.map((p, i) => {
    args.push(systemId, firstId + i, p.originId, p.originSubId, p.name, p.name, p.subsystem, p.type, p.subtype);
    args.push(p.extension, p.metricType, p.metricUnit, p.transform, nowMs, nowMs);
    return "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  });
  await getDb().$client.execute({
    sql:
      "INSERT INTO point_info (system_id, id, origin_id, origin_sub_id, point_name, display_name, subsystem, type, " +
      `subtype, extension, metric_type, metric_unit, transform, created, updated_at) VALUES ${rows.join(",")} ` +
      "ON CONFLICT DO NOTHING",
    args,
  });
}
