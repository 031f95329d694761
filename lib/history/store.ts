import "server-only";
import { queryRows } from "@/lib/db/client";
import { list, SERIES_VALUE } from "./series";

// History reads use queryRows (read-only connection, prepared statements kept, plain row arrays): charts read
// thousands of rows, and building an object per row would cost more than the query.

/** Per point: count and total of the non-null 5-minute avgs and deltas in (afterMs, untilMs]. */
export function sumFiveMinute(systemId: number, ids: number[], afterMs: number, untilMs: number) {
  return queryRows(
    "SELECT point_id, count(avg), total(avg), count(delta), total(delta) FROM point_readings_agg_5m " +
      `WHERE system_id = ? AND point_id IN (${list(ids)}) AND interval_end > ? AND interval_end <= ? GROUP BY point_id`,
    [systemId, ...ids, afterMs, untilMs],
  );
}

/** Per point, its stored days in [fromDay, toDay] as one JSON text `["day",v,…]` (delta for `deltaIds`, else avg). */
export function dailySeriesText(systemId: number, ids: number[], deltaIds: number[], fromDay: string, toDay: string) {
  return queryRows(
    `SELECT point_id, '[' || group_concat('"' || day || '",' || ${SERIES_VALUE}, ',') || ']' ` +
      `FROM (SELECT point_id, day, CASE WHEN point_id IN (${list(deltaIds)}) THEN delta ELSE avg END AS v ` +
      `FROM point_readings_agg_1d WHERE system_id = ? AND point_id IN (${list(ids)}) AND day >= ? AND day <= ? ` +
      "ORDER BY point_id, day) GROUP BY point_id",
    [...deltaIds, systemId, ...ids, fromDay, toDay],
  );
}

/** The system's days in [fromDay, toDay] still pending their daily roll-up. */
export async function pendingDays(systemId: number, fromDay: string, toDay: string): Promise<string[]> {
  const rows = await queryRows("SELECT day FROM daily_pending WHERE system_id = ? AND day >= ? AND day <= ?", [
    systemId,
    fromDay,
    toDay,
  ]);
  return rows.map((r) => String(r[0]));
}

/**
 * Per point, the stored rows of a 5- or 30-minute table in (startMs, endMs] as one JSON text `[t,v,…]` (delta for
 * `deltaIds`, else avg).
 */
export function intervalSeriesText(
  table: "point_readings_agg_5m" | "point_readings_agg_30m",
  systemId: number,
  ids: number[],
  deltaIds: number[],
  startMs: number,
  endMs: number,
) {
  return queryRows(
    `SELECT point_id, '[' || group_concat(interval_end || ',' || ${SERIES_VALUE}, ',') || ']' ` +
      `FROM (SELECT point_id, interval_end, CASE WHEN point_id IN (${list(deltaIds)}) THEN delta ELSE avg END AS v ` +
      `FROM ${table} WHERE system_id = ? AND point_id IN (${list(ids)}) ` +
      "AND interval_end > ? AND interval_end <= ? ORDER BY point_id, interval_end) GROUP BY point_id",
    [...deltaIds, systemId, ...ids, startMs, endMs],
  );
}
