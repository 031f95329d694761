import "server-only";
import type { InValue } from "@libsql/client";
import { getDb } from "@/lib/db/client";
import type { AggregateValues } from "@/lib/aggregation/daily";
import { chunk } from "@/lib/db/coalesce";

/** A vendor-supplied 5-minute value resolved to a point, already in stored (transformed) form. */
export interface IntervalRow extends AggregateValues {
  pointId: number;
  intervalEndMs: number;
  valueStr: string | null;
  /** Lower-cased vendor label, or null (ranked like "actual"). */
  quality: string | null;
}

/**
 * Quality precedence of vendor intervals: billable > actual > estimated > backfilled > forecast (higher wins).
 * `backfilled` (a vendor's history imported by lib/backfill) never replaces data a poll stored.
 */
export const QUALITY_RANK: Record<string, number> = {
  billable: 4,
  actual: 3,
  good: 3,
  estimated: 2,
  interpolated: 2,
  backfilled: 1.5,
  forecast: 1,
  error: 0,
};

const rankSql = (col: string) =>
  `(CASE lower(${col}) ${Object.entries(QUALITY_RANK)
    .map(([k, v]) => `WHEN '${k}' THEN ${v}`)
    .join(" ")} ELSE 3 END)`;

const VALUES = ["avg", "min", "max", "last", "delta", "value_str", "data_quality"];

/**
 * Upserts vendor intervals straight into the 5-minute table. A record replaces the stored one only if its
 * quality ranks at least as high and a value differs; a worse record never replaces a better one, and a
 * replay changes nothing. Returns the (point, interval) pairs actually written.
 */
export async function upsertIntervals(
  systemId: number,
  rows: IntervalRow[],
  sessionId: number | null,
  nowMs: number,
): Promise<Array<{ pointId: number; intervalEndMs: number }>> {
  const written: Array<{ pointId: number; intervalEndMs: number }> = [];
  for (const part of chunk(rows, 400)) {
    const args: InValue[] = [];
    for (const r of part) {
      args.push(systemId, r.pointId, r.intervalEndMs, r.avg, r.min, r.max, r.last, r.delta, r.valueStr, r.quality);
      args.push(sessionId, nowMs, nowMs);
    }
    const res = await getDb().$client.execute({
      sql:
        "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, value_str, " +
        "data_quality, sample_count, error_count, session_id, created_at, updated_at) VALUES " +
        part.map(() => "(?,?,?,?,?,?,?,?,?,?,1,0,?,?,?)").join(",") +
        " ON CONFLICT (system_id, point_id, interval_end) DO UPDATE SET " +
        [...VALUES, "session_id", "updated_at"].map((c) => `${c} = excluded.${c}`).join(", ") +
        ` WHERE ${rankSql("excluded.data_quality")} >= ${rankSql("data_quality")} AND (` +
        VALUES.map((c) => `${c} IS NOT excluded.${c}`).join(" OR ") +
        ") RETURNING point_id, interval_end",
      args,
    });
    for (const r of res.rows) written.push({ pointId: Number(r.point_id), intervalEndMs: Number(r.interval_end) });
  }
  return written;
}
