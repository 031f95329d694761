import type { Client } from "@libsql/client";
import { progressBar } from "./progress";

/**
 * Bulk-generates 5-minute rows for every point of systems [first, last] over `intervals` consecutive intervals
 * ending at `firstEndMs` + i × 5 min, inside SQLite (a recursive CTE), so a year of data loads in seconds.
 * Energy points (transform d) get deltas; others avg/min/max/last.
 */
export async function generateFiveMinute(
  client: Client,
  systemIds: number[],
  firstEndMs: number,
  intervals: number,
  label: string,
): Promise<void> {
  const bar = progressBar(label, systemIds.length);
  const per = Math.max(1, Math.floor(200_000 / intervals));
  for (let i = 0; i < systemIds.length; i += per) {
    const part = systemIds.slice(i, i + per);
    await client.execute({
      sql:
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${intervals - 1}) ` +
        "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, " +
        "sample_count, error_count, data_quality, created_at, updated_at) " +
        "SELECT p.system_id, p.id, ? + n.i * 300000, " +
        "((p.id * 37 + n.i * 13 + p.system_id) % 5000) * 1.0, " +
        "((p.id * 37 + n.i * 13 + p.system_id) % 5000) - 50.0, " +
        "((p.id * 37 + n.i * 13 + p.system_id) % 5000) + 50.0, " +
        "((p.id * 37 + n.i * 13 + p.system_id) % 5000) + 7.0, " +
        "CASE WHEN p.transform = 'd' THEN ((n.i * 7 + p.id) % 90) * 1.0 END, 5, 0, 'good', 0, 0 " +
        `FROM point_info p, n WHERE p.system_id IN (${part.map(() => "?").join(",")})`,
      args: [firstEndMs, ...part],
    });
    bar.tick(part.length);
  }
  bar.stop();
}

/**
 * Derives the 30-minute rows of the systems from their 5-minute rows inside SQLite, with the reduction of
 * lib/aggregation/thirty-minute.ts (one INSERT … SELECT … GROUP BY per few systems, about a million 5-minute rows
 * each, so the GROUP BY sort stays in memory).
 */
export async function generateThirtyMinute(
  client: Client,
  systemIds: number[],
  fiveMinuteRowsPerSystem: number,
  label: string,
): Promise<void> {
  const bar = progressBar(label, systemIds.length);
  const per = Math.max(1, Math.floor(1_000_000 / Math.max(1, fiveMinuteRowsPerSystem)));
  const bucket = "((a.interval_end + 1799999) / 1800000) * 1800000";
  for (let i = 0; i < systemIds.length; i += per) {
    const part = systemIds.slice(i, i + per);
    await client.execute({
      sql:
        "INSERT INTO point_readings_agg_30m (system_id, point_id, interval_end, avg, min, max, last, delta, " +
        "sample_count, error_count, interval_count, updated_at) " +
        `SELECT a.system_id, a.point_id, ${bucket}, avg(a.avg), min(a.min), max(a.max), ` +
        "(SELECT b.last FROM point_readings_agg_5m b WHERE b.system_id = a.system_id AND b.point_id = a.point_id " +
        `AND b.interval_end > ${bucket} - 1800000 AND b.interval_end <= ${bucket} AND b.last IS NOT NULL ` +
        "ORDER BY b.interval_end DESC LIMIT 1), sum(a.delta), sum(a.sample_count), sum(a.error_count), count(*), 0 " +
        `FROM point_readings_agg_5m a WHERE a.system_id IN (${part.map(() => "?").join(",")}) ` +
        `GROUP BY a.system_id, a.point_id, ${bucket}`,
      args: part,
    });
    bar.tick(part.length);
  }
  bar.stop();
}

/** Bulk-generates daily rows for every point of the systems for `days` days starting at `firstDay` (YYYY-MM-DD). */
export async function generateDaily(
  client: Client,
  systemIds: number[],
  firstDay: string,
  days: number,
): Promise<void> {
  for (let i = 0; i < systemIds.length; i += 200) {
    const part = systemIds.slice(i, i + 200);
    await client.execute({
      sql:
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${days - 1}) ` +
        "INSERT INTO point_readings_agg_1d (system_id, point_id, day, avg, min, max, last, delta, sample_count, " +
        "error_count, interval_count, created_at, updated_at) " +
        "SELECT p.system_id, p.id, date(?, '+' || n.i || ' days'), 1000.0 + n.i, 0.0, 5000.0, 1.0 * n.i, " +
        "CASE WHEN p.transform = 'd' THEN 20000.0 + n.i END, 1440, 0, 288, 0, 0 " +
        `FROM point_info p, n WHERE p.system_id IN (${part.map(() => "?").join(",")})`,
      args: [firstDay, ...part],
    });
  }
}
