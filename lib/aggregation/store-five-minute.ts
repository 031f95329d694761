import "server-only";
import type { InValue } from "@libsql/client";
import { getDb } from "@/lib/db/client";
import { chunk } from "@/lib/db/queries/readings";
import type { FiveMinuteRow } from "./five-minute";
import type { FiveMinuteStored } from "./daily";

const VALUE_COLUMNS = [
  "avg",
  "min",
  "max",
  "last",
  "delta",
  "value_str",
  "sample_count",
  "error_count",
  "data_quality",
];
/** Only rows whose values differ are updated, so re-aggregating unchanged data leaves even updated_at alone. */
const CHANGED = VALUE_COLUMNS.map((c) => `${c} IS NOT excluded.${c}`).join(" OR ");

/** Upserts computed 5-minute rows in one multi-row statement per 400 rows. */
export async function upsertFiveMinuteRows(
  systemId: number,
  rows: FiveMinuteRow[],
  sessionId: number | null,
  nowMs: number,
): Promise<void> {
  for (const part of chunk(rows, 400)) {
    const args: InValue[] = [];
    for (const r of part) {
      args.push(systemId, r.pointId, r.intervalEndMs, r.avg, r.min, r.max, r.last, r.delta, r.valueStr);
      args.push(r.sampleCount, r.errorCount, r.dataQuality, sessionId, nowMs, nowMs);
    }
    await getDb().$client.execute({
      sql:
        "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, value_str, " +
        "sample_count, error_count, data_quality, session_id, created_at, updated_at) VALUES " +
        part.map(() => "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)").join(",") +
        " ON CONFLICT (system_id, point_id, interval_end) DO UPDATE SET " +
        [...VALUE_COLUMNS, "session_id", "updated_at"].map((c) => `${c} = excluded.${c}`).join(", ") +
        ` WHERE ${CHANGED}`,
      args,
    });
  }
}

/** For each (point, interval end): the next stored 5-minute interval end after it, or null. */
export async function nextIntervalEnds(
  systemId: number,
  items: Array<{ pointId: number; afterMs: number }>,
): Promise<Array<number | null>> {
  const out: Array<number | null> = [];
  for (const part of chunk(items, 200)) {
    const args: InValue[] = [];
    const selects = part.map((it, i) => {
      args.push(i, systemId, it.pointId, it.afterMs);
      return (
        "SELECT ? AS k, (SELECT interval_end FROM point_readings_agg_5m WHERE system_id = ? AND point_id = ? " +
        "AND interval_end > ? ORDER BY interval_end LIMIT 1) AS v"
      );
    });
    const res = await getDb().$client.execute({ sql: selects.join(" UNION ALL "), args });
    const byK = new Map(res.rows.map((r) => [Number(r.k), r.v === null ? null : Number(r.v)]));
    part.forEach((_, i) => out.push(byK.get(i) ?? null));
  }
  return out;
}

export interface StoredFiveMinute extends FiveMinuteStored {
  pointId: number;
  valueStr: string | null;
}

/** One system's 5-minute rows with interval end in (afterMs, untilMs], optionally for some points only. */
export async function loadFiveMinuteWindow(
  systemId: number,
  afterMs: number,
  untilMs: number,
  pointIds?: number[],
): Promise<StoredFiveMinute[]> {
  if (pointIds && !pointIds.length) return [];
  const pointFilter = pointIds ? `AND point_id IN (${pointIds.map(() => "?").join(",")}) ` : "";
  const res = await getDb().$client.execute({
    sql:
      "SELECT point_id, interval_end, avg, min, max, last, delta, value_str, sample_count, error_count " +
      `FROM point_readings_agg_5m WHERE system_id = ? ${pointFilter}AND interval_end > ? AND interval_end <= ? ` +
      "ORDER BY point_id, interval_end",
    args: [systemId, ...(pointIds ?? []), afterMs, untilMs],
  });
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return res.rows.map((r) => ({
    pointId: Number(r.point_id),
    intervalEndMs: Number(r.interval_end),
    avg: num(r.avg),
    min: num(r.min),
    max: num(r.max),
    last: num(r.last),
    delta: num(r.delta),
    valueStr: r.value_str === null ? null : String(r.value_str),
    sampleCount: Number(r.sample_count),
    errorCount: Number(r.error_count),
  }));
}

/** The newest 5-minute row of each listed point (for points that only have vendor intervals). */
export async function latestFiveMinute(systemId: number, pointIds: number[]): Promise<StoredFiveMinute[]> {
  if (!pointIds.length) return [];
  const res = await getDb().$client.execute({
    sql:
      "SELECT a.point_id, a.interval_end, a.avg, a.min, a.max, a.last, a.delta, a.value_str, a.sample_count, " +
      "a.error_count FROM point_readings_agg_5m a WHERE a.system_id = ? " +
      `AND a.point_id IN (${pointIds.map(() => "?").join(",")}) AND a.interval_end = (SELECT MAX(interval_end) ` +
      "FROM point_readings_agg_5m m WHERE m.system_id = a.system_id AND m.point_id = a.point_id)",
    args: [systemId, ...pointIds],
  });
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return res.rows.map((r) => ({
    pointId: Number(r.point_id),
    intervalEndMs: Number(r.interval_end),
    avg: num(r.avg),
    min: num(r.min),
    max: num(r.max),
    last: num(r.last),
    delta: num(r.delta),
    valueStr: r.value_str === null ? null : String(r.value_str),
    sampleCount: Number(r.sample_count),
    errorCount: Number(r.error_count),
  }));
}
