import "server-only";
import { getDb } from "@/lib/db/client";
import { unpacked } from "@/lib/db/packed-readings";
import { TIER_COLUMNS, type TierRow } from "@/lib/retention/tiers";

export type ExportLevel = "raw" | "5m" | "30m" | "daily";

/** Where the next page starts: after this key (raw: a measurement time; others: point id and time or day). */
export type ExportCursor = { pointId: number; at: number | string | null } | null;

export interface ExportRange {
  systemId: number;
  /** raw: measurement time in [fromMs, toMs); 5m, 30m: interval end in (fromMs, toMs]. */
  fromMs: number;
  toMs: number;
  /** daily: local days in [fromDay, toDay]. */
  fromDay: string;
  toDay: string;
}

const J = unpacked("j");
const COLUMNS = (level: ExportLevel) => TIER_COLUMNS[level].map((c) => c.name);

/**
 * One page of a system's rows at a level, in key order, after `cursor`: raw pages are `limit` packed rows (all their
 * readings, time then point); aggregate pages are up to `limit` rows of one point in time order (the table's own
 * order), one key-range seek each. Returns the rows and the cursor of the next page (null at the end).
 */
export async function exportPage(
  level: ExportLevel,
  range: ExportRange,
  cursor: ExportCursor,
  limit: number,
): Promise<{ rows: TierRow[]; next: ExportCursor }> {
  const db = getDb().$client;
  if (level === "raw") {
    const after = cursor ? Number(cursor.at) : range.fromMs - 1;
    const res = await db.execute({
      sql:
        `SELECT x.system_id, ${J.pointId} AS point_id, x.measurement_time, ${J.value} AS value, ` +
        `${J.valueStr} AS value_str, ${J.quality} AS data_quality, x.session_id FROM (SELECT * FROM poll_readings ` +
        "WHERE system_id = ? AND measurement_time > ? AND measurement_time >= ? AND measurement_time < ? " +
        "ORDER BY measurement_time LIMIT ?) x JOIN json_each(x.readings) j ORDER BY x.measurement_time, 2",
      args: [range.systemId, after, range.fromMs, range.toMs, limit],
    });
    const rows = res.rows.map((r) => toRow(level, r as unknown as Record<string, unknown>));
    const times = new Set(rows.map((r) => r.measurement_time));
    const last = rows[rows.length - 1];
    // Fewer packed rows than asked for: the range is done (a packed row always holds a reading).
    return { rows, next: times.size < limit || !last ? null : { pointId: 0, at: Number(last.measurement_time) } };
  }
  const table =
    level === "5m" ? "point_readings_agg_5m" : level === "30m" ? "point_readings_agg_30m" : "point_readings_agg_1d";
  const time = level === "daily" ? "day" : "interval_end";
  // One point at a time, each page one key-range seek (system, point, time): never a scan over other points' rows.
  const points = await exportPointIds(range.systemId);
  let i = cursor ? points.indexOf(cursor.pointId) : 0;
  if (i < 0) i = points.findIndex((p) => p > cursor!.pointId);
  if (i < 0 || !points.length) return { rows: [], next: null };
  const pointId = points[i];
  const lower = level === "daily" ? "day >= ?" : "interval_end > ?";
  const upper = level === "daily" ? "day <= ?" : "interval_end <= ?";
  const start = level === "daily" ? range.fromDay : range.fromMs;
  const end = level === "daily" ? range.toDay : range.toMs;
  const at = cursor && cursor.pointId === pointId ? cursor.at : null;
  const after = at !== null ? ` AND ${time} > ?` : "";
  const res = await db.execute({
    sql:
      `SELECT ${COLUMNS(level).join(", ")} FROM ${table} WHERE system_id = ? AND point_id = ? AND ${lower} ` +
      `AND ${upper}${after} ORDER BY ${time} LIMIT ?`,
    args: [range.systemId, pointId, start, end, ...(at !== null ? [at] : []), limit],
  });
  const rows = res.rows.map((r) => toRow(level, r as unknown as Record<string, unknown>));
  const last = rows[rows.length - 1];
  if (rows.length === limit && last) return { rows, next: { pointId, at: last[time] as number | string } };
  // This point is done: the next page starts at the next point.
  return { rows, next: i + 1 < points.length ? { pointId: points[i + 1], at: null } : null };
}

/** A system's point ids, ascending (every aggregate row belongs to one of them). */
async function exportPointIds(systemId: number): Promise<number[]> {
  const res = await getDb().$client.execute({
    sql: "SELECT id FROM point_info WHERE system_id = ? ORDER BY id",
    args: [systemId],
  });
  return res.rows.map((r) => Number(r.id));
}

function toRow(level: ExportLevel, r: Record<string, unknown>): TierRow {
  const row: TierRow = {};
  for (const c of TIER_COLUMNS[level]) {
    const v = r[c.name];
    row[c.name] = v === null || v === undefined ? null : c.type === "STRING" ? String(v) : Number(v);
  }
  return row;
}

/** Names and units of a system's points, for the export's point columns. */
export async function exportPoints(systemId: number): Promise<Map<number, { name: string; unit: string }>> {
  const res = await getDb().$client.execute({
    sql: "SELECT id, coalesce(alias, display_name) AS name, metric_unit FROM point_info WHERE system_id = ?",
    args: [systemId],
  });
  return new Map(res.rows.map((r) => [Number(r.id), { name: String(r.name), unit: String(r.metric_unit) }]));
}
