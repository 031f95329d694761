import "server-only";
import type { InStatement, InValue } from "@libsql/client";
import { getDb, queryRows } from "@/lib/db/client";
import { chunk, coalesce } from "@/lib/db/coalesce";
import type { FiveMinuteRow } from "./five-minute";
import type { FiveMinuteStored } from "./daily";

const FIVE_MINUTES_MS = 300_000;

/** The value columns of a 5-minute row (what an upsert replaces when one differs). */
export const VALUE_COLUMNS = [
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

const UPSERT_HEAD =
  "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, value_str, " +
  "sample_count, error_count, data_quality, session_id, created_at, updated_at) VALUES ";
const UPSERT_TAIL =
  " ON CONFLICT (system_id, point_id, interval_end) DO UPDATE SET " +
  [...VALUE_COLUMNS, "session_id", "updated_at"].map((c) => `${c} = excluded.${c}`).join(", ") +
  ` WHERE ${CHANGED}`;

type UpsertItem = { systemId: number; row: FiveMinuteRow; sessionId: number | null; nowMs: number };

/** The rows of every caller in this turn: one transaction of 400-row upserts. */
const upsertMerged = coalesce<UpsertItem, null>(async (items) => {
  const statements: InStatement[] = chunk(items, 400).map((part) => {
    const args: InValue[] = [];
    for (const { systemId, row: r, sessionId, nowMs } of part) {
      args.push(systemId, r.pointId, r.intervalEndMs, r.avg, r.min, r.max, r.last, r.delta, r.valueStr);
      args.push(r.sampleCount, r.errorCount, r.dataQuality, sessionId, nowMs, nowMs);
    }
    return { sql: UPSERT_HEAD + part.map(() => "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)").join(",") + UPSERT_TAIL, args };
  });
  await getDb().$client.batch(statements, "write");
  return items.map(() => null);
});

/** Upserts computed 5-minute rows in multi-row statements, merged with other callers of the same turn. */
export async function upsertFiveMinuteRows(
  systemId: number,
  rows: FiveMinuteRow[],
  sessionId: number | null,
  nowMs: number,
): Promise<void> {
  await upsertMerged(rows.map((row) => ({ systemId, row, sessionId, nowMs })));
}

type NextItem = { systemId: number; pointId: number; afterMs: number };

const nextMerged = coalesce<NextItem, number | null>(async (items) => {
  const out: Array<number | null> = [];
  for (const part of chunk(items, 200)) {
    const args: InValue[] = [];
    const selects = part.map((it, i) => {
      args.push(i, it.systemId, it.pointId, it.afterMs);
      return (
        "SELECT ? AS k, (SELECT interval_end FROM point_readings_agg_5m WHERE system_id = ? AND point_id = ? " +
        "AND interval_end > ? ORDER BY interval_end LIMIT 1) AS v"
      );
    });
    const rows = await queryRows(selects.join(" UNION ALL "), args);
    const byK = new Map(rows.map((r) => [Number(r[0]), r[1] === null ? null : Number(r[1])]));
    part.forEach((_, i) => out.push(byK.get(i) ?? null));
  }
  return out;
});

/** For each (point, interval end): the next stored 5-minute interval end after it, or null (merged per turn). */
export function nextIntervalEnds(
  systemId: number,
  items: Array<{ pointId: number; afterMs: number }>,
): Promise<Array<number | null>> {
  return nextMerged(items.map((it) => ({ ...it, systemId })));
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
  const rows = await queryRows(
    "SELECT point_id, interval_end, avg, min, max, last, delta, value_str, sample_count, error_count " +
      `FROM point_readings_agg_5m WHERE system_id = ? ${pointFilter}AND interval_end > ? AND interval_end <= ? ` +
      "ORDER BY point_id, interval_end",
    [systemId, ...(pointIds ?? []), afterMs, untilMs],
  );
  return rows.map(toStored);
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A row of the 10 columns point_id … error_count, in that order. */
function toStored(r: unknown[]): StoredFiveMinute {
  return {
    pointId: Number(r[0]),
    intervalEndMs: Number(r[1]),
    avg: num(r[2]),
    min: num(r[3]),
    max: num(r[4]),
    last: num(r[5]),
    delta: num(r[6]),
    valueStr: r[7] === null ? null : String(r[7]),
    sampleCount: Number(r[8]),
    errorCount: Number(r[9]),
  };
}

/** The newest 5-minute row of each listed point (for points that only have vendor intervals). */
export async function latestFiveMinute(
  systemId: number,
  pointIds: number[],
  nowMs = Date.now(),
): Promise<StoredFiveMinute[]> {
  if (!pointIds.length) return [];
  // Forecast intervals (tariff prices) lie in the future: "latest" is the newest interval that has started.
  const startedBy = nowMs + FIVE_MINUTES_MS;
  const rows = await queryRows(
    "SELECT a.point_id, a.interval_end, a.avg, a.min, a.max, a.last, a.delta, a.value_str, a.sample_count, " +
      "a.error_count FROM point_readings_agg_5m a WHERE a.system_id = ? " +
      `AND a.point_id IN (${pointIds.map(() => "?").join(",")}) AND a.interval_end = (SELECT MAX(interval_end) ` +
      "FROM point_readings_agg_5m m WHERE m.system_id = a.system_id AND m.point_id = a.point_id AND m.interval_end <= ?)",
    [systemId, ...pointIds, startedBy],
  );
  return rows.map(toStored);
}
