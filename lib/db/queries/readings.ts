import "server-only";
import { getDb } from "@/lib/db/client";
import { unpacked } from "@/lib/db/packed-readings";

/** One raw reading as the point_readings view shows it (value untransformed, as the vendor sent it). */
export interface RawReadingRow {
  pointId: number;
  timeMs: number;
  value: number | null;
  valueStr: string | null;
  quality: number;
}

export interface TimeRange {
  pointId: number;
  /** Exclusive lower bound, ms. */
  afterMs: number;
  /** Inclusive upper bound, ms. */
  untilMs: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toRawRow(r: Record<string, unknown>): RawReadingRow {
  return {
    pointId: Number(r.point_id),
    timeMs: Number(r.measurement_time),
    value: num(r.value),
    valueStr: r.value_str === null || r.value_str === undefined ? null : String(r.value_str),
    quality: Number(r.data_quality),
  };
}

const J = unpacked("j");
/** The unpacked columns of `json_each(x.readings) j` over poll_readings `x`, named as in the point_readings view. */
const readingColumns = (time = "x.measurement_time") =>
  `${J.pointId} AS point_id, ${time} AS measurement_time, ${J.value} AS value, ${J.valueStr} AS value_str, ` +
  `${J.quality} AS data_quality`;

/**
 * Raw rows of some points of one system in (afterMs, untilMs], for the history API: one range scan of the
 * system's packed rows, each unpacked once. Sorted by point, then time.
 */
export async function loadRawWindow(
  systemId: number,
  pointIds: number[],
  afterMs: number,
  untilMs: number,
): Promise<RawReadingRow[]> {
  if (!pointIds.length) return [];
  const res = await getDb().$client.execute({
    sql:
      `SELECT ${readingColumns()} FROM poll_readings x JOIN json_each(x.readings) j ` +
      "WHERE x.system_id = ? AND x.measurement_time > ? AND x.measurement_time <= ? " +
      `AND j.key IN (${pointIds.map(() => "?").join(",")}) ORDER BY 1, 2`,
    args: [systemId, afterMs, untilMs, ...pointIds.map(String)],
  });
  return res.rows.map(toRawRow);
}

export interface LatestRawRow extends RawReadingRow {
  receivedMs: number | null;
}

/**
 * How many of a system's newest packed rows latestRawReadings looks through. A point missing from them has not
 * reported for that many polls; its intervals have been closed, and callers take its newest 5-minute row.
 */
export const LATEST_RAW_ROWS = 60;

/**
 * The newest raw reading of each listed point among the system's newest LATEST_RAW_ROWS packed rows (one
 * statement: a short scan back from the end of the system's key range; max() picks each point's newest row).
 */
export async function latestRawReadings(systemId: number, pointIds: number[]): Promise<LatestRawRow[]> {
  if (!pointIds.length) return [];
  const res = await getDb().$client.execute({
    sql:
      `SELECT l.*, s.started AS received FROM (SELECT ${readingColumns("max(x.measurement_time)")}, ` +
      "x.session_id FROM (SELECT measurement_time, session_id, readings FROM poll_readings WHERE system_id = ? " +
      `ORDER BY measurement_time DESC LIMIT ${LATEST_RAW_ROWS}) x JOIN json_each(x.readings) j ` +
      `WHERE j.key IN (${pointIds.map(() => "?").join(",")}) GROUP BY j.key) l LEFT JOIN sessions s ON s.id = l.session_id`,
    args: [systemId, ...pointIds.map(String)],
  });
  return res.rows.map((r) => ({ ...toRawRow(r), receivedMs: num(r.received) }));
}
