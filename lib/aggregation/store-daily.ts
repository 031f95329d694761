import "server-only";
import { queryRows } from "@/lib/db/client";
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
