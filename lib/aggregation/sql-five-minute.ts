import "server-only";
import { getDb, queryRows } from "@/lib/db/client";
import { chunk } from "@/lib/db/queries/readings";
import { counterBefore, readingOf, unpacked } from "@/lib/db/packed-readings";
import { coalesce } from "@/lib/ingest/coalesce";
import type { FiveMinuteRow } from "./five-minute";
import { VALUE_COLUMNS } from "./store-five-minute";

/*
 * reduceFiveMinute (./five-minute.ts, which stays the reference and is what the tests compare against) done by
 * SQLite where the raw readings live, for whole ranges of intervals at once: closing an interval then costs no
 * JS row per reading. Input: a JSON array of [system_id, point ids (",1,2," or null: every point), after_ms,
 * until_ms, session, now], both bounds on 5-minute boundaries. Each packed raw row in a range is unpacked once
 * (lib/db/packed-readings.ts). Per (system, point, interval end) with raw readings in the range:
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
const J = unpacked("j");
const Y = readingOf("y.readings", "r.pid");

// Materialised once: every later use reads plain columns instead of extracting them from the JSON again.
const RANGES = `ranges AS MATERIALIZED (
  SELECT key AS k, value->>0 AS sid, value->>1 AS pids, value->>2 AS lo, value->>3 AS hi, value->>4 AS sess,
    value->>5 AS now FROM json_each(?1)
)`;

/** Every reading in the ranges, unpacked once, with its point's transform and metric type. */
const RAW = `raw AS MATERIALIZED (
  SELECT g.k, g.sid, g.lo, p.id AS pid, p.transform AS tf, p.metric_type AS mt, x.measurement_time AS t,
    ((x.measurement_time + 299999) / 300000) * 300000 AS e, ${J.value} AS v, ${J.quality} AS q, ${J.valueStr} AS s
  FROM ranges g CROSS JOIN poll_readings x ON x.system_id = g.sid AND x.measurement_time > g.lo
    AND x.measurement_time <= g.hi
  CROSS JOIN json_each(x.readings) j
  CROSS JOIN point_info p ON p.system_id = g.sid AND p.id = ${J.pointId}
  WHERE g.pids IS NULL OR instr(g.pids, ',' || p.id || ',') > 0
)`;

/** Counters (`d`): steps between consecutive good values, the first from the value before the range. */
const COUNTER_STEPS = `counter_in AS (
  SELECT k, sid, pid, lo, t, e, v FROM raw WHERE tf = 'd' AND q <> 1 AND v IS NOT NULL
  UNION ALL
  -- The value before the range stands at t = e = lo: never an interval of the range itself.
  SELECT k, sid, pid, lo, lo, lo, COALESCE(${counterBefore("c.sid", "c.pid", "c.lo")},
    (SELECT a.last FROM point_readings_agg_5m a WHERE a.system_id = c.sid AND a.point_id = c.pid
      AND a.interval_end <= c.lo AND a.last IS NOT NULL ORDER BY a.interval_end DESC LIMIT 1))
  FROM (SELECT DISTINCT k, sid, pid, lo FROM raw WHERE tf = 'd') c
), steps AS (
  SELECT k, sid, pid, lo, t, e, v, v - lag(v) OVER (PARTITION BY k, sid, pid ORDER BY t) AS step FROM counter_in
)`;

const REDUCE = `WITH ${RANGES}, ${RAW}, ${COUNTER_STEPS}, counter_out AS (
  SELECT k, sid, pid, e, sum(CASE WHEN step > 0 THEN step ELSE 0 END) AS delta
  FROM steps WHERE v IS NOT NULL AND e > lo GROUP BY k, sid, pid, e
), reduced AS (
  SELECT k, sid, pid, e, tf, mt,
    avg(CASE WHEN q <> 1 THEN v END) AS avg, min(CASE WHEN q <> 1 THEN v END) AS min,
    max(CASE WHEN q <> 1 THEN v END) AS max, sum(CASE WHEN q <> 1 THEN v END) AS total,
    count(*) AS n, sum(q = 1) AS errors, sum(q = 2) AS estimated, sum(q = 3) AS interpolated,
    max(CASE WHEN q <> 1 AND v IS NOT NULL THEN t END) AS lt, max(CASE WHEN q <> 1 AND s IS NOT NULL THEN t END) AS st
  FROM raw GROUP BY k, sid, pid, e
)
SELECT r.sid, r.pid, r.e, CASE WHEN r.tf = 'i' THEN -r.avg ELSE r.avg END AS avg,
  CASE WHEN r.tf = 'i' THEN -r.max ELSE r.min END AS min, CASE WHEN r.tf = 'i' THEN -r.min ELSE r.max END AS max,
  CASE WHEN r.lt IS NOT NULL THEN (SELECT CASE WHEN r.tf = 'i' THEN -${Y.value} ELSE ${Y.value} END
    FROM poll_readings y WHERE y.system_id = r.sid AND y.measurement_time = r.lt) END AS last,
  CASE WHEN r.tf = 'd' THEN c.delta
    WHEN r.mt IN ('energy', 'cost') THEN (CASE WHEN r.tf = 'i' THEN -r.total ELSE r.total END) END AS delta,
  CASE WHEN r.st IS NOT NULL THEN (SELECT ${Y.valueStr} FROM poll_readings y
    WHERE y.system_id = r.sid AND y.measurement_time = r.st) END AS value_str,
  r.n, r.errors,
  CASE WHEN r.errors = r.n THEN 'error' WHEN r.estimated > 0 THEN 'estimated'
    WHEN r.interpolated > 0 THEN 'interpolated' ELSE 'good' END AS data_quality, g.sess, g.now
FROM reduced r JOIN ranges g ON g.k = r.k LEFT JOIN counter_out c ON c.k = r.k AND c.pid = r.pid AND c.e = r.e`;

/** Stores what a reducing SELECT yields; only rows whose values differ are updated (updated_at stays). */
const upsertSql = (select: string) =>
  "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, value_str, " +
  "sample_count, error_count, data_quality, session_id, created_at, updated_at) " +
  "SELECT sid, pid, e, avg, min, max, last, delta, value_str, n, errors, data_quality, sess, now, now " +
  `FROM (${select}) WHERE true ON CONFLICT (system_id, point_id, interval_end) DO UPDATE SET ` +
  [...VALUE_COLUMNS, "session_id", "updated_at"].map((c) => `${c} = excluded.${c}`).join(", ") +
  ` WHERE ${VALUE_COLUMNS.map((c) => `${c} IS NOT excluded.${c}`).join(" OR ")}`;
const UPSERT = upsertSql(REDUCE);

/** Counter steps backwards (resets) among the readings of the ranges: [system, point, time, from, to]. */
const RESETS = `WITH ${RANGES}, ${RAW}, ${COUNTER_STEPS} SELECT sid, pid, t, v - step, v FROM steps WHERE step < 0 AND t > lo`;

export interface SqlRange {
  systemId: number;
  /** null: every point of the system. */
  pointIds: number[] | null;
  /** Exclusive, on a 5-minute boundary. */
  afterMs: number;
  /** Inclusive, on a 5-minute boundary. */
  untilMs: number;
}

type UpsertItem = SqlRange & { sessionId: number | null; nowMs: number };

const json = (ranges: Array<SqlRange & { sessionId?: number | null; nowMs?: number }>) =>
  JSON.stringify(
    ranges.map((r) => [
      r.systemId,
      r.pointIds === null ? null : `,${r.pointIds.join(",")},`,
      r.afterMs,
      r.untilMs,
      r.sessionId ?? null,
      r.nowMs ?? null,
    ]),
  );

/** Reduces and upserts the ranges of every caller in this turn in one batch (session and time travel per range). */
const upsertMerged = coalesce<UpsertItem, null>(async (items) => {
  const statements = chunk(items, 500).map((part) => ({ sql: UPSERT, args: [json(part)] }));
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
