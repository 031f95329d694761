import "server-only";
import { getDb, queryRows } from "@/lib/db/client";
import { chunk } from "@/lib/db/queries/readings";
import { coalesce } from "@/lib/ingest/coalesce";
import type { FiveMinuteRow } from "./five-minute";
import { VALUE_COLUMNS } from "./store-five-minute";

/*
 * reduceFiveMinute (./five-minute.ts, which stays the reference and is what the tests compare against) done by
 * SQLite where the raw readings live, for whole ranges of intervals at once: closing an interval then costs no
 * JS row per reading. Input: a JSON array of [system_id, point_id or null (every point), after_ms, until_ms],
 * both bounds on 5-minute boundaries. Per (system, point, interval end) with raw readings in the range:
 * - good readings are those whose data_quality is not 1 (error); `i` points are inverted;
 * - avg/min/max over good non-null values; last = the newest good non-null value; value_str = the newest good
 *   non-null text;
 * - delta: `d` counters sum their non-negative steps between consecutive good values, the first step measured
 *   from the last good value before the range (raw, else the newest stored 5-minute `last`), so no energy is
 *   lost across a gap; a step backwards is a reset and counts 0. Energy and cost points sum their values. Null
 *   when the interval has no good value;
 * - sample_count, error_count, and data_quality ("error" if every sample is one, else estimated > interpolated
 *   > good).
 */
// Materialised once: every later use reads plain columns instead of extracting them from the JSON again (a bare
// column extracted per reading doubled the cost of a close).
const RANGES = `ranges AS MATERIALIZED (
  SELECT key AS k, value->>0 AS sid, value->>1 AS pid, value->>2 AS lo, value->>3 AS hi, value->>4 AS sess,
    value->>5 AS now FROM json_each(?1)
)`;

/** Quality counts and the newest good reading's time, shared by both kinds of point. */
const COMMON_AGGREGATES = `count(*) AS n, sum(x.data_quality = 1) AS errors, sum(x.data_quality = 2) AS estimated,
    sum(x.data_quality = 3) AS interpolated, count(CASE WHEN x.data_quality <> 1 THEN x.value_str END) AS texts,
    max(CASE WHEN x.data_quality <> 1 AND x.value IS NOT NULL THEN x.measurement_time END) AS lt`;

/** last (the newest good value, by its time), value_str, counts and quality of a reduced group `r`. */
const COMMON_COLUMNS = `(SELECT CASE WHEN r.tf = 'i' THEN -y.value ELSE y.value END FROM point_readings y
    WHERE y.system_id = r.sid AND y.point_id = r.pid AND y.measurement_time = r.lt) AS last`;
const TAIL_COLUMNS = `CASE WHEN r.texts > 0 THEN (SELECT y.value_str FROM point_readings y
    WHERE y.system_id = r.sid AND y.point_id = r.pid AND y.measurement_time > r.e - 300000
    AND y.measurement_time <= r.e AND y.data_quality <> 1 AND y.value_str IS NOT NULL
    ORDER BY y.measurement_time DESC LIMIT 1) END AS value_str,
  r.n, r.errors,
  CASE WHEN r.errors = r.n THEN 'error' WHEN r.estimated > 0 THEN 'estimated'
    WHEN r.interpolated > 0 THEN 'interpolated' ELSE 'good' END AS data_quality`;
const INTERVAL_END = "((x.measurement_time + 299999) / 300000) * 300000";

/** Every point but counters: plain aggregates in one pass over the range, inverted after reduction for `i`. */
const PLAIN = `WITH ${RANGES}, reduced AS (
  SELECT r.k, x.system_id AS sid, x.point_id AS pid, ${INTERVAL_END} AS e, p.transform AS tf, p.metric_type AS mt,
    avg(CASE WHEN x.data_quality <> 1 THEN x.value END) AS avg, min(CASE WHEN x.data_quality <> 1 THEN x.value END) AS min,
    max(CASE WHEN x.data_quality <> 1 THEN x.value END) AS max, sum(CASE WHEN x.data_quality <> 1 THEN x.value END) AS total,
    ${COMMON_AGGREGATES}
  FROM ranges r CROSS JOIN point_info p ON p.system_id = r.sid AND (r.pid IS NULL OR p.id = r.pid)
    AND p.transform IS NOT 'd'
  CROSS JOIN point_readings x ON x.system_id = p.system_id AND x.point_id = p.id
    AND x.measurement_time > r.lo AND x.measurement_time <= r.hi
  GROUP BY r.k, x.system_id, x.point_id, e
)
SELECT r.sid, r.pid, r.e, CASE WHEN r.tf = 'i' THEN -r.avg ELSE r.avg END AS avg,
  CASE WHEN r.tf = 'i' THEN -r.max ELSE r.min END AS min, CASE WHEN r.tf = 'i' THEN -r.min ELSE r.max END AS max,
  ${COMMON_COLUMNS},
  CASE WHEN r.mt IN ('energy', 'cost') THEN (CASE WHEN r.tf = 'i' THEN -r.total ELSE r.total END) END AS delta,
  ${TAIL_COLUMNS}, g.sess, g.now
FROM reduced r JOIN ranges g ON g.k = r.k`;

/** Counters (`d`): steps between consecutive good values, the first from the value before the range. */
const COUNTERS = `WITH ${RANGES}, pts AS NOT MATERIALIZED (
  SELECT r.k, r.sid, r.lo, r.hi, p.id AS pid
  FROM ranges r CROSS JOIN point_info p ON p.system_id = r.sid AND (r.pid IS NULL OR p.id = r.pid) AND p.transform = 'd'
), counter_in AS (
  SELECT pts.k, pts.sid, pts.pid, pts.lo, x.measurement_time AS t, ${INTERVAL_END} AS e, x.value AS v
  FROM pts CROSS JOIN point_readings x ON x.system_id = pts.sid AND x.point_id = pts.pid
    AND x.measurement_time > pts.lo AND x.measurement_time <= pts.hi AND x.data_quality <> 1 AND x.value IS NOT NULL
  UNION ALL
  -- The value before the range stands at t = e = lo: never an interval of the range itself.
  SELECT pts.k, pts.sid, pts.pid, pts.lo, pts.lo, pts.lo, COALESCE(
    (SELECT y.value FROM point_readings y WHERE y.system_id = pts.sid AND y.point_id = pts.pid
      AND y.measurement_time <= pts.lo AND y.value IS NOT NULL AND y.data_quality <> 1
      ORDER BY y.measurement_time DESC LIMIT 1),
    (SELECT a.last FROM point_readings_agg_5m a WHERE a.system_id = pts.sid AND a.point_id = pts.pid
      AND a.interval_end <= pts.lo AND a.last IS NOT NULL ORDER BY a.interval_end DESC LIMIT 1))
  FROM pts
), steps AS (
  SELECT k, sid, pid, lo, t, e, v, v - lag(v) OVER (PARTITION BY k, sid, pid ORDER BY t) AS step FROM counter_in
), counter_out AS (
  SELECT k, sid, pid, e, sum(CASE WHEN step > 0 THEN step ELSE 0 END) AS delta
  FROM steps WHERE v IS NOT NULL AND e > lo GROUP BY k, sid, pid, e
), reduced AS (
  SELECT r.k, x.system_id AS sid, x.point_id AS pid, ${INTERVAL_END} AS e, 'd' AS tf,
    avg(CASE WHEN x.data_quality <> 1 THEN x.value END) AS avg, min(CASE WHEN x.data_quality <> 1 THEN x.value END) AS min,
    max(CASE WHEN x.data_quality <> 1 THEN x.value END) AS max, ${COMMON_AGGREGATES}
  FROM pts r CROSS JOIN point_readings x ON x.system_id = r.sid AND x.point_id = r.pid
    AND x.measurement_time > r.lo AND x.measurement_time <= r.hi
  GROUP BY r.k, x.system_id, x.point_id, e
)
SELECT r.sid, r.pid, r.e, r.avg, r.min, r.max, ${COMMON_COLUMNS}, c.delta, ${TAIL_COLUMNS}, g.sess, g.now
FROM reduced r JOIN ranges g ON g.k = r.k LEFT JOIN counter_out c ON c.k = r.k AND c.sid = r.sid AND c.pid = r.pid AND c.e = r.e`;

const REDUCE = `SELECT * FROM (${PLAIN}) UNION ALL SELECT * FROM (${COUNTERS})`;

/** Stores what a reducing SELECT yields; only rows whose values differ are updated (updated_at stays). */
const upsertSql = (select: string) =>
  "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, value_str, " +
  "sample_count, error_count, data_quality, session_id, created_at, updated_at) " +
  "SELECT sid, pid, e, avg, min, max, last, delta, value_str, n, errors, data_quality, sess, now, now " +
  `FROM (${select}) WHERE true ON CONFLICT (system_id, point_id, interval_end) DO UPDATE SET ` +
  [...VALUE_COLUMNS, "session_id", "updated_at"].map((c) => `${c} = excluded.${c}`).join(", ") +
  ` WHERE ${VALUE_COLUMNS.map((c) => `${c} IS NOT excluded.${c}`).join(" OR ")}`;
const UPSERT_PLAIN = upsertSql(PLAIN);
const UPSERT_COUNTERS = upsertSql(COUNTERS);

/** Counter steps backwards (resets) among the readings of the ranges: [system, point, time, from, to]. */
const RESETS =
  COUNTERS.slice(0, COUNTERS.indexOf("), counter_out AS")) +
  ") SELECT sid, pid, t, v - step, v FROM steps WHERE step < 0 AND t > lo";

export interface SqlRange {
  systemId: number;
  /** null: every point of the system. */
  pointId: number | null;
  /** Exclusive, on a 5-minute boundary. */
  afterMs: number;
  /** Inclusive, on a 5-minute boundary. */
  untilMs: number;
  /** False when the system has no counter (`d`) points: the counter pass is skipped. Default true. */
  counters?: boolean;
}

type UpsertItem = SqlRange & { sessionId: number | null; nowMs: number };

const json = (ranges: Array<SqlRange & { sessionId?: number | null; nowMs?: number }>) =>
  JSON.stringify(
    ranges.map((r) => [r.systemId, r.pointId, r.afterMs, r.untilMs, r.sessionId ?? null, r.nowMs ?? null]),
  );

/** Reduces and upserts the ranges of every caller in this turn in one batch (session and time travel per range). */
const upsertMerged = coalesce<UpsertItem, null>(async (items) => {
  const statements = chunk(items, 500).flatMap((part) => {
    const withCounters = part.filter((r) => r.counters !== false);
    return [
      { sql: UPSERT_PLAIN, args: [json(part)] },
      ...(withCounters.length ? [{ sql: UPSERT_COUNTERS, args: [json(withCounters)] }] : []),
    ];
  });
  await getDb().$client.batch(statements, "write");
  return items.map(() => null);
});

/** Recomputes and stores every 5-minute interval with raw readings in the ranges (merged with this turn's callers). */
export async function upsertRangesSql(ranges: SqlRange[], sessionId: number | null, nowMs: number): Promise<void> {
  await upsertMerged(ranges.map((r) => ({ ...r, sessionId, nowMs })));
}

/** The 5-minute rows the ranges reduce to, without storing them (readers of intervals not stored yet). */
export async function reduceRangesSql(ranges: SqlRange[]): Promise<FiveMinuteRow[]> {
  if (!ranges.length) return [];
  const rows = await queryRows(REDUCE, [json(ranges)]);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows
    .map((r) => ({
      pointId: Number(r[1]),
      intervalEndMs: Number(r[2]),
      avg: num(r[3]),
      min: num(r[4]),
      max: num(r[5]),
      last: num(r[6]),
      delta: num(r[7]),
      valueStr: r[8] === null ? null : String(r[8]),
      sampleCount: Number(r[9]),
      errorCount: Number(r[10]),
      dataQuality: String(r[11]),
    }))
    .sort((a, b) => a.pointId - b.pointId || a.intervalEndMs - b.intervalEndMs);
}

export interface SqlReset {
  systemId: number;
  pointId: number;
  timeMs: number;
  from: number;
  to: number;
}

/** Counter resets among the readings of the ranges (for the log; normally none, so nothing comes back). */
export async function findResetsSql(ranges: SqlRange[]): Promise<SqlReset[]> {
  if (!ranges.length) return [];
  const rows = await queryRows(RESETS, [json(ranges)]);
  return rows.map((r) => ({
    systemId: Number(r[0]),
    pointId: Number(r[1]),
    timeMs: Number(r[2]),
    from: Number(r[3]),
    to: Number(r[4]),
  }));
}
