import "server-only";
import { getDb } from "@/lib/db/client";
import { unpacked } from "@/lib/db/packed-readings";
import { TIER_COLUMNS, type TierRow } from "@/lib/retention/tiers";

export type ExportLevel = "raw" | "5m" | "30m" | "daily";

/** Where the next page starts: after this key (raw: a measurement time; others: point id and time or day). */
export type ExportCursor = { pointId: number; at: number | string } | null;

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
 * readings, time then point); aggregate pages are `limit` rows in the table's own order (point, then time), one
 * key-range seek each. Returns the rows and the cursor of the next page (null at the end).
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
  const inRange = level === "daily" ? "day >= ? AND day <= ?" : "interval_end > ? AND interval_end <= ?";
  const bounds = level === "daily" ? [range.fromDay, range.toDay] : [range.fromMs, range.toMs];
  const after = cursor ? "AND (point_id > ? OR (point_id = ? AND " + time + " > ?)) " : "";
  const res = await db.execute({
    sql:
      `SELECT ${COLUMNS(level).join(", ")} FROM ${table} WHERE system_id = ? AND ${inRange} ${after}` +
      `ORDER BY point_id, ${time} LIMIT ?`,
    args: [range.systemId, ...bounds, ...(cursor ? [cursor.pointId, cursor.pointId, cursor.at] : []), limit],
  });
  const rows = res.rows.map((r) => toRow(level, r as unknown as Record<string, unknown>));
  const last = rows[rows.length - 1];
  return {
    rows,
    next: rows.length < limit || !last ? null : { pointId: Number(last.point_id), at: last[time] as number | string },
  };
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
