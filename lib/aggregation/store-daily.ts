import "server-only";
import { deleteDayRange } from "@/lib/db/queries/day-range";
import type { InValue } from "@libsql/client";
import { getDb, queryRows } from "@/lib/db/client";
import { chunk } from "@/lib/db/coalesce";
import { dayBounds } from "@/lib/time/zones";
import type { DailyValues } from "./daily";

/** A stored daily row: the day's values of one point. */
export interface StoredDaily extends DailyValues {
  pointId: number;
  day: string;
}

/** Daily rows of some points of one system for days from..to inclusive (YYYY-MM-DD), in one statement. */
export async function loadDailyWindow(
  systemId: number,
  pointIds: number[],
  fromDay: string,
  toDay: string,
): Promise<StoredDaily[]> {
  if (!pointIds.length) return [];
  const rows = await queryRows(
    "SELECT point_id, day, avg, min, max, last, delta, sample_count, error_count, interval_count " +
      `FROM point_readings_agg_1d WHERE system_id = ? AND point_id IN (${pointIds.map(() => "?").join(",")}) ` +
      "AND day >= ? AND day <= ? ORDER BY point_id, day",
    [systemId, ...pointIds, fromDay, toDay],
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    pointId: Number(r[0]),
    day: String(r[1]),
    avg: num(r[2]),
    min: num(r[3]),
    max: num(r[4]),
    last: num(r[5]),
    delta: num(r[6]),
    sampleCount: Number(r[7]),
    errorCount: Number(r[8]),
    intervalCount: Number(r[9]),
  }));
}

/** Days per transaction (one INSERT … SELECT per day). */
const DAYS_PER_QUERY = 7;

/*
 * The daily reduction (the same as reduceDay in ./daily.ts, which stays the reference) done by SQLite where the
 * 5-minute rows live, instead of shipping every row to JS: rows whose interval END is in (dayStart, dayEnd];
 * avg = mean of the non-null averages, min/max of min/max, delta = sum of the non-null deltas, last = the last
 * non-null `last` of the day, counts summed, interval_count = rows present. Day bounds come from luxon per zone.
 */
const INSERT_DAY =
  "INSERT INTO point_readings_agg_1d (system_id, point_id, day, avg, min, max, last, delta, sample_count, " +
  "error_count, interval_count, created_at, updated_at) " +
  "SELECT a.system_id, a.point_id, ?, avg(a.avg), min(a.min), max(a.max), " +
  "(SELECT b.last FROM point_readings_agg_5m b WHERE b.system_id = a.system_id AND b.point_id = a.point_id " +
  "AND b.interval_end > ?2 AND b.interval_end <= ?3 AND b.last IS NOT NULL ORDER BY b.interval_end DESC LIMIT 1), " +
  "sum(a.delta), sum(a.sample_count), sum(a.error_count), count(*), ?5, ?5 FROM point_readings_agg_5m a " +
  // The point list makes this one key-range seek per point (rows arrive grouped: no sort), not a history scan.
  "WHERE a.system_id = ?4 AND a.point_id IN (SELECT id FROM point_info WHERE system_id = ?4) " +
  "AND a.interval_end > ?2 AND a.interval_end <= ?3 GROUP BY a.point_id";

/**
 * (Re)computes the daily rows of some local days of one system from its 5-minute rows, replacing the old rows
 * of those days in one transaction (a point with no data left loses its stale row). Returns rows written.
 */
export async function aggregateDays(
  system: { id: number; displayTimezone: string },
  days: string[],
  nowMs = Date.now(),
): Promise<number> {
  let written = 0;
  const sorted = [...new Set(days)].sort();
  for (const part of chunk(sorted, DAYS_PER_QUERY)) {
    const inserts = part.map((day) => {
      const { startMs, endMs } = dayBounds(day, system.displayTimezone);
      return { sql: INSERT_DAY, args: [day, startMs, endMs, system.id, nowMs] as InValue[] };
    });
    const [, ...results] = await getDb().$client.batch(
      [
        {
          sql: `DELETE FROM point_readings_agg_1d WHERE system_id = ? AND day IN (${part.map(() => "?").join(",")})`,
          args: [system.id, ...part],
        },
        ...inserts,
      ],
      "write",
    );
    written += results.reduce((a, r) => a + r.rowsAffected, 0);
  }
  return written;
}

/** Deletes daily rows of one system (or all) in an optional day range; regenerateDaily rebuilds them. */
export async function clearDaily(
  systemId: number | null,
  fromDay?: string,
  toDay?: string,
): Promise<{ deleted: number }> {
  return { deleted: await deleteDayRange("point_readings_agg_1d", systemId, fromDay, toDay) };
}
