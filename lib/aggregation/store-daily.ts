import "server-only";
import { getDb } from "@/lib/db/client";

export interface StoredDaily {
  pointId: number;
  day: string;
  avg: number | null;
  min: number | null;
  max: number | null;
  last: number | null;
  delta: number | null;
  sampleCount: number;
  errorCount: number;
  intervalCount: number;
}

/** Daily rows of some points of one system for days from..to inclusive (YYYY-MM-DD), in one statement. */
export async function loadDailyWindow(
  systemId: number,
  pointIds: number[],
  fromDay: string,
  toDay: string,
): Promise<StoredDaily[]> {
  if (!pointIds.length) return [];
  const res = await getDb().$client.execute({
    sql:
      "SELECT point_id, day, avg, min, max, last, delta, sample_count, error_count, interval_count " +
      `FROM point_readings_agg_1d WHERE system_id = ? AND point_id IN (${pointIds.map(() => "?").join(",")}) ` +
      "AND day >= ? AND day <= ? ORDER BY point_id, day",
    args: [systemId, ...pointIds, fromDay, toDay],
  });
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return res.rows.map((r) => ({
    pointId: Number(r.point_id),
    day: String(r.day),
    avg: num(r.avg),
    min: num(r.min),
    max: num(r.max),
    last: num(r.last),
    delta: num(r.delta),
    sampleCount: Number(r.sample_count),
    errorCount: Number(r.error_count),
    intervalCount: Number(r.interval_count),
  }));
}
