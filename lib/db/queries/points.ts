import "server-only";
import { chunk } from "@/lib/db/coalesce";
import { getDb, queryRows } from "@/lib/db/client";

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

/** A row of COLUMNS, in that order. */
function toPoint(r: unknown[]): PointRow {
  return {
    systemId: Number(r[0]),
    id: Number(r[1]),
    originId: String(r[2]),
    originSubId: String(r[3] ?? ""),
    displayName: String(r[4]),
    type: (r[5] as string | null) ?? null,
    subtype: (r[6] as string | null) ?? null,
    extension: (r[7] as string | null) ?? null,
    metricType: String(r[8]),
    metricUnit: String(r[9]),
    transform: (r[10] as "i" | "d" | null) ?? null,
    active: Number(r[11]) === 1,
  };
}

/** Every point of the given systems (active or not), ordered by system and id. */
export async function listPoints(systemIds: number[]): Promise<PointRow[]> {
  if (!systemIds.length) return [];
  // The fast read path (plain row arrays): every poll reads its system's points.
  const rows = await queryRows(
    `SELECT ${COLUMNS} FROM point_info WHERE system_id IN (${systemIds.map(() => "?").join(",")}) ORDER BY system_id, id`,
    systemIds,
  );
  return rows.map(toPoint);
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

/** Every system that has at least one point, by id. */
export async function listSystemIdsWithPoints(): Promise<number[]> {
  const res = await getDb().$client.execute("SELECT DISTINCT system_id FROM point_info ORDER BY system_id");
  return res.rows.map((r) => Number(r.system_id));
}

/** point_info_version of each listed system that has one (changed by triggers on every point write). */
export async function pointInfoVersions(ids: number[]): Promise<Map<number, string>> {
  const versions = new Map<number, string>();
  for (const part of chunk(ids, 500)) {
    const rows = await queryRows(
      `SELECT system_id, version FROM point_info_version WHERE system_id IN (${part.map(() => "?").join(",")})`,
      part,
    );
    for (const [id, version] of rows) versions.set(Number(id), String(version));
  }
  return versions;
}
