import "server-only";
import { getDb } from "@/lib/db/client";

type Row = Record<string, unknown>;

/** Per vendor and hour since `sinceMs`: sessions, outcomes, and nearest-rank p50 / p95 durations (one scan of the range by `sessions_started_idx`). */
export async function selectHealthHours(sinceMs: number): Promise<Row[]> {
  const res = await getDb().$client.execute({
    sql:
      "WITH s AS (SELECT vendor_type AS v, started / 3600000 AS h, duration AS d, successful AS ok FROM sessions " +
      "WHERE started >= ?), r AS (SELECT v, h, d, ok, row_number() OVER (PARTITION BY v, h ORDER BY d) AS rn, " +
      "count(*) OVER (PARTITION BY v, h) AS c FROM s) " +
      "SELECT v, h, c AS n, sum(ok = 1) AS succeeded, sum(ok = 0) AS failed, sum(ok IS NULL) AS pending, " +
      "max(CASE WHEN rn = (c * 50 + 99) / 100 THEN d END) AS p50, max(CASE WHEN rn = (c * 95 + 99) / 100 THEN d END) AS p95 " +
      "FROM r GROUP BY v, h ORDER BY v, h",
    args: [sinceMs],
  });
  return res.rows as unknown as Row[];
}

/** Failed sessions since `sinceMs` per vendor, hour and error code. */
export async function selectHealthErrors(sinceMs: number): Promise<Row[]> {
  const res = await getDb().$client.execute({
    sql:
      "SELECT vendor_type AS v, started / 3600000 AS h, coalesce(error_code, 'UNKNOWN') AS code, count(*) AS n " +
      "FROM sessions WHERE started >= ? AND successful = 0 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    args: [sinceMs],
  });
  return res.rows as unknown as Row[];
}

/** Per vendor over the whole window: sessions and nearest-rank p50 / p95 durations. */
export async function selectHealthTotals(sinceMs: number): Promise<Row[]> {
  const res = await getDb().$client.execute({
    sql:
      "WITH r AS (SELECT vendor_type AS v, duration AS d, successful AS ok, row_number() OVER " +
      "(PARTITION BY vendor_type ORDER BY duration) AS rn, count(*) OVER (PARTITION BY vendor_type) AS c FROM sessions " +
      "WHERE started >= ?) SELECT v, c AS n, sum(ok = 1) AS succeeded, sum(ok = 0) AS failed, " +
      "max(CASE WHEN rn = (c * 50 + 99) / 100 THEN d END) AS p50, max(CASE WHEN rn = (c * 95 + 99) / 100 THEN d END) AS p95 " +
      "FROM r GROUP BY v ORDER BY v",
    args: [sinceMs],
  });
  return res.rows as unknown as Row[];
}

/** Active systems whose last polls failed: newest failure first. */
export async function selectFailingSystems(): Promise<Row[]> {
  const res = await getDb().$client.execute(
    "SELECT s.id, s.display_name, s.vendor_type, p.consecutive_errors, p.last_error_code, p.last_error_time, " +
      "p.last_success_time FROM polling_status p JOIN systems s ON s.id = p.system_id " +
      "WHERE p.consecutive_errors > 0 AND s.status = 'active' ORDER BY p.last_error_time DESC LIMIT 200",
  );
  return res.rows as unknown as Row[];
}
