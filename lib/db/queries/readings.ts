import "server-only";
import type { InValue } from "@libsql/client";
import { getDb } from "@/lib/db/client";

/** One raw reading row as stored in point_readings (value untransformed, as the vendor sent it). */
export interface RawReadingRow {
  pointId: number;
  timeMs: number;
  value: number | null;
  valueStr: string | null;
  quality: number;
}

/** Rows per multi-row statement: well under SQLite's bound-variable limit on every libSQL build. */
export const ROWS_PER_STATEMENT = 400;

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Inserts raw readings with one multi-row INSERT … ON CONFLICT DO NOTHING per 400 rows; returns only the rows
 * that were new (RETURNING skips the ignored ones), so a replay reports nothing inserted.
 */
export async function insertReadings(
  systemId: number,
  rows: RawReadingRow[],
  sessionId: number | null,
): Promise<Array<{ pointId: number; timeMs: number }>> {
  const inserted: Array<{ pointId: number; timeMs: number }> = [];
  for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
    const args: InValue[] = [];
    for (const r of part) args.push(systemId, r.pointId, r.timeMs, r.value, r.valueStr, r.quality, sessionId);
    const res = await getDb().$client.execute({
      sql:
        "INSERT INTO point_readings (system_id, point_id, measurement_time, value, value_str, data_quality, session_id) " +
        `VALUES ${part.map(() => "(?,?,?,?,?,?,?)").join(",")} ON CONFLICT DO NOTHING RETURNING point_id, measurement_time`,
      args,
    });
    for (const r of res.rows) inserted.push({ pointId: Number(r.point_id), timeMs: Number(r.measurement_time) });
  }
  return inserted;
}

export interface TimeRange {
  pointId: number;
  /** Exclusive lower bound, ms. */
  afterMs: number;
  /** Inclusive upper bound, ms. */
  untilMs: number;
}

/** Raw rows of several (point, time range) pairs in one compound statement per 200 ranges, sorted by time. */
export async function loadRawRanges(systemId: number, ranges: TimeRange[]): Promise<RawReadingRow[]> {
  const out: RawReadingRow[] = [];
  for (const part of chunk(ranges, 200)) {
    const args: InValue[] = [];
    const selects = part.map((r) => {
      args.push(systemId, r.pointId, r.afterMs, r.untilMs);
      return (
        "SELECT point_id, measurement_time, value, value_str, data_quality FROM point_readings " +
        "WHERE system_id = ? AND point_id = ? AND measurement_time > ? AND measurement_time <= ?"
      );
    });
    const res = await getDb().$client.execute({ sql: selects.join(" UNION ALL "), args });
    for (const r of res.rows) {
      out.push({
        pointId: Number(r.point_id),
        timeMs: Number(r.measurement_time),
        value: r.value === null ? null : Number(r.value),
        valueStr: r.value_str === null ? null : String(r.value_str),
        quality: Number(r.data_quality),
      });
    }
  }
  return out.sort((a, b) => a.pointId - b.pointId || a.timeMs - b.timeMs);
}

/** Raw rows of some points of one system in (afterMs, untilMs], for the history API (one statement). */
export async function loadRawWindow(
  systemId: number,
  pointIds: number[],
  afterMs: number,
  untilMs: number,
): Promise<RawReadingRow[]> {
  if (!pointIds.length) return [];
  const res = await getDb().$client.execute({
    sql:
      "SELECT point_id, measurement_time, value, value_str, data_quality FROM point_readings WHERE system_id = ? " +
      `AND point_id IN (${pointIds.map(() => "?").join(",")}) AND measurement_time > ? AND measurement_time <= ? ` +
      "ORDER BY point_id, measurement_time",
    args: [systemId, ...pointIds, afterMs, untilMs],
  });
  return res.rows.map((r) => ({
    pointId: Number(r.point_id),
    timeMs: Number(r.measurement_time),
    value: r.value === null ? null : Number(r.value),
    valueStr: r.value_str === null ? null : String(r.value_str),
    quality: Number(r.data_quality),
  }));
}

/**
 * For each (point, time): the last good counter value at or before that time, from the raw rows, else (raw
 * already past retention) from the newest 5-minute `last`. One statement of per-point index seeks.
 */
export async function counterValuesBefore(
  systemId: number,
  items: Array<{ pointId: number; atOrBeforeMs: number }>,
): Promise<Array<number | null>> {
  const out: Array<number | null> = [];
  for (const part of chunk(items, 200)) {
    const args: InValue[] = [];
    const selects = part.map((it, i) => {
      args.push(i, systemId, it.pointId, it.atOrBeforeMs, systemId, it.pointId, it.atOrBeforeMs);
      return (
        "SELECT ? AS k, COALESCE((SELECT value FROM point_readings WHERE system_id = ? AND point_id = ? " +
        "AND measurement_time <= ? AND value IS NOT NULL AND data_quality <> 1 ORDER BY measurement_time DESC LIMIT 1), " +
        "(SELECT last FROM point_readings_agg_5m WHERE system_id = ? AND point_id = ? AND interval_end <= ? " +
        "AND last IS NOT NULL ORDER BY interval_end DESC LIMIT 1)) AS v"
      );
    });
    const res = await getDb().$client.execute({ sql: selects.join(" UNION ALL "), args });
    const byK = new Map(res.rows.map((r) => [Number(r.k), r.v === null ? null : Number(r.v)]));
    part.forEach((_, i) => out.push(byK.get(i) ?? null));
  }
  return out;
}

export interface LatestRawRow extends RawReadingRow {
  receivedMs: number | null;
}

/** The newest raw reading of each listed point (one statement; MAX on the key is an index seek per point). */
export async function latestRawReadings(systemId: number, pointIds: number[]): Promise<LatestRawRow[]> {
  if (!pointIds.length) return [];
  const res = await getDb().$client.execute({
    sql:
      "SELECT r.point_id, r.measurement_time, r.value, r.value_str, r.data_quality, s.started AS received " +
      "FROM point_readings r LEFT JOIN sessions s ON s.id = r.session_id " +
      `WHERE r.system_id = ? AND r.point_id IN (${pointIds.map(() => "?").join(",")}) AND r.measurement_time = ` +
      "(SELECT MAX(measurement_time) FROM point_readings m WHERE m.system_id = r.system_id AND m.point_id = r.point_id)",
    args: [systemId, ...pointIds],
  });
  return res.rows.map((r) => ({
    pointId: Number(r.point_id),
    timeMs: Number(r.measurement_time),
    value: r.value === null ? null : Number(r.value),
    valueStr: r.value_str === null ? null : String(r.value_str),
    quality: Number(r.data_quality),
    receivedMs: r.received === null ? null : Number(r.received),
  }));
}

/**
 * Deletes one system's raw readings older than `beforeMs`, but only those whose 5-minute aggregate exists
 * (per point, so each statement is a key-range scan). Returns the number deleted.
 */
export async function deleteAggregatedRawBefore(
  systemId: number,
  pointIds: number[],
  beforeMs: number,
): Promise<number> {
  let deleted = 0;
  for (const part of chunk(pointIds, 50)) {
    const results = await getDb().$client.batch(
      part.map((pointId) => ({
        sql:
          "DELETE FROM point_readings WHERE system_id = ? AND point_id = ? AND measurement_time < ? AND EXISTS (" +
          "SELECT 1 FROM point_readings_agg_5m a WHERE a.system_id = point_readings.system_id " +
          "AND a.point_id = point_readings.point_id " +
          "AND a.interval_end = ((point_readings.measurement_time + 299999) / 300000) * 300000)",
        args: [systemId, pointId, beforeMs],
      })),
      "write",
    );
    deleted += results.reduce((a, r) => a + r.rowsAffected, 0);
  }
  return deleted;
}
