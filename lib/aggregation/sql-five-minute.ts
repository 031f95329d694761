import "server-only";
import { getDb, queryRows } from "@/lib/db/client";
import { counterValueBefore, readingOf, unpacked } from "@/lib/db/packed-readings";
import { coalesce } from "@/lib/db/coalesce";
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
 *   from the last good value before the range (counterValueBefore: raw, else the 5-minute `last`), so no energy is
 *   lost across a gap; a step backwards is a reset and counts 0. Energy and cost points sum their values. Null
 *   when the interval has no good value;
 * - sample_count, error_count, and data_quality ("error" if every sample is one, else estimated > interpolated
 *   > good).
 */
const J = unpacked("j");
const Y = readingOf("y.readings", "r.pid");

const RANGE_SELECT =
  "SELECT key AS k, value->>0 AS sid, value->>1 AS pids, value->>2 AS lo, value->>3 AS hi, value->>4 AS sess, " +
  "value->>5 AS now FROM json_each(?1)";
/** Reads: materialised once, so every later use reads plain columns instead of extracting them again. */
const RANGES = `ranges AS MATERIALIZED (${RANGE_SELECT})`;
/**
 * Writes: the close batch stores the ranges in a temp table keyed by k, so joining a grouped row back to its
 * range is a key look-up (a materialised CTE has no index: every grouped row would scan every range).
 */
const CLOSE_RANGES = "ranges AS (SELECT k, sid, pids, lo, hi, sess, now FROM temp.close_ranges)";

/**
 * Every reading in the ranges, unpacked once: (k = range, pid, t, e = interval end, v, q = quality, s = text).
 * Narrow on purpose: the grouping sorts these rows, and point attributes are joined after it.
 */
const RAW_COLUMNS = "k INTEGER, pid INTEGER, t INTEGER, e INTEGER, v, q INTEGER, s TEXT";
const RAW_SELECT = `SELECT g.k, ${J.pointId}, x.measurement_time, ((x.measurement_time + 299999) / 300000) * 300000,
    ${J.value}, ${J.quality}, ${J.valueStr}
  FROM ranges g CROSS JOIN poll_readings x ON x.system_id = g.sid AND x.measurement_time > g.lo
    AND x.measurement_time <= g.hi
  CROSS JOIN json_each(x.readings) j
  WHERE g.pids IS NULL OR instr(g.pids, ',' || j.key || ',') > 0`;

/**
 * Counters (`d`): steps between consecutive good values, the first from the value before the range. `raw` names
 * the unpacked readings (the CTE on reads, a temp table on writes).
 */
const counterSteps = (raw: string) => `cpts AS MATERIALIZED (
  SELECT g.k, g.sid, g.lo, p.id AS pid FROM ranges g CROSS JOIN point_info p ON p.system_id = g.sid
    AND p.transform = 'd' AND (g.pids IS NULL OR instr(g.pids, ',' || p.id || ',') > 0)
), counter_in AS (
  SELECT k, pid, t, e, v FROM ${raw} WHERE (k, pid) IN (SELECT k, pid FROM cpts) AND q <> 1 AND v IS NOT NULL
  UNION ALL
  -- The value before the range stands at t = lo, e = 0: never an interval of the range itself.
  SELECT k, pid, lo, 0, ${counterValueBefore("c.sid", "c.pid", "c.lo")} FROM cpts c
), steps AS (
  SELECT k, pid, t, e, v, v - lag(v) OVER (PARTITION BY k, pid ORDER BY t) AS step FROM counter_in
)`;

const RAW_NAMES = RAW_COLUMNS.replace(/ (INTEGER|TEXT)/g, "");

/** One reading's column from the close batch's temp table, by its primary key (group of `r`, time). */
const lookUp = (raw: string, column: string, time: string) =>
  `SELECT x.${column} FROM ${raw} x WHERE x.k = r.k AND x.pid = r.pid AND x.e = r.e AND x.t = ${time}`;
const STEP_COLUMNS = "k INTEGER, pid INTEGER, t INTEGER, e INTEGER, v, step";

/**
 * The reducing SELECT. `stored`: the unpacked readings and counter steps are in the close batch's temp tables;
 * otherwise (reads) they are CTEs of this statement.
 */
const reduceFrom = (stored: { raw: string; steps: string } | null) => {
  const raw = stored?.raw ?? "raw";
  const steps = stored?.steps ?? "steps";
  const ctes = stored ? "" : `, raw (${RAW_NAMES}) AS MATERIALIZED (${RAW_SELECT}), ${counterSteps("raw")}`;
  return `WITH ${stored ? CLOSE_RANGES : RANGES}${ctes}, counter_out AS (
  SELECT k, pid, e, sum(CASE WHEN step > 0 THEN step ELSE 0 END) AS delta
  FROM ${steps} WHERE v IS NOT NULL AND e > 0 GROUP BY k, pid, e
), grouped AS (
  SELECT k, pid, e,
    avg(CASE WHEN q <> 1 THEN v END) AS avg, min(CASE WHEN q <> 1 THEN v END) AS min,
    max(CASE WHEN q <> 1 THEN v END) AS max, sum(CASE WHEN q <> 1 THEN v END) AS total,
    count(*) AS n, sum(q = 1) AS errors, sum(q = 2) AS estimated, sum(q = 3) AS interpolated,
    max(CASE WHEN q <> 1 AND v IS NOT NULL THEN t END) AS lt, max(CASE WHEN q <> 1 AND s IS NOT NULL THEN t END) AS st
  FROM ${raw} GROUP BY k, pid, e
), reduced AS (
  SELECT x.*, g.sid, g.sess, g.now, p.transform AS tf, p.metric_type AS mt
  FROM grouped x CROSS JOIN ranges g ON g.k = x.k CROSS JOIN point_info p ON p.system_id = g.sid AND p.id = x.pid
)
SELECT r.sid, r.pid, r.e, CASE WHEN r.tf = 'i' THEN -r.avg ELSE r.avg END AS avg,
  CASE WHEN r.tf = 'i' THEN -r.max ELSE r.min END AS min, CASE WHEN r.tf = 'i' THEN -r.min ELSE r.max END AS max,
  CASE WHEN r.lt IS NOT NULL THEN (${stored ? lookUp(stored.raw, "v", "r.lt") : `SELECT ${Y.value} FROM poll_readings y WHERE y.system_id = r.sid AND y.measurement_time = r.lt`}) * (CASE WHEN r.tf = 'i' THEN -1 ELSE 1 END) END AS last,
  CASE WHEN r.tf = 'd' THEN (SELECT c.delta FROM counter_out c WHERE c.k = r.k AND c.pid = r.pid AND c.e = r.e)
    WHEN r.mt IN ('energy', 'cost') THEN (CASE WHEN r.tf = 'i' THEN -r.total ELSE r.total END) END AS delta,
  CASE WHEN r.st IS NOT NULL THEN (${stored ? lookUp(stored.raw, "s", "r.st") : `SELECT ${Y.valueStr} FROM poll_readings y WHERE y.system_id = r.sid AND y.measurement_time = r.st`}) END AS value_str,
  r.n, r.errors,
  CASE WHEN r.errors = r.n THEN 'error' WHEN r.estimated > 0 THEN 'estimated'
    WHEN r.interpolated > 0 THEN 'interpolated' ELSE 'good' END AS data_quality, r.sess, r.now
FROM reduced r`;
};

/** Reads (the open tail): the readings unpacked in a CTE. */
const REDUCE = reduceFrom(null);

/** Stores what a reducing SELECT yields; only rows whose values differ are updated (updated_at stays). */
const upsertSql = (select: string) =>
  "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, value_str, " +
  "sample_count, error_count, data_quality, session_id, created_at, updated_at) " +
  "SELECT sid, pid, e, avg, min, max, last, delta, value_str, n, errors, data_quality, sess, now, now " +
  `FROM (${select}) WHERE true ON CONFLICT (system_id, point_id, interval_end) DO UPDATE SET ` +
  [...VALUE_COLUMNS, "session_id", "updated_at"].map((c) => `${c} = excluded.${c}`).join(", ") +
  ` WHERE ${VALUE_COLUMNS.map((c) => `${c} IS NOT excluded.${c}`).join(" OR ")}`;

/*
 * Writes (closing intervals): one batch unpacks the readings once into a temp table on the write connection and
 * derives the counter steps once into another, stores the reduced rows and reads the counter resets from them,
 * then empties both.
 */
const CLOSE = { raw: "temp.close_raw", steps: "temp.close_steps" };
const CLOSE_BATCH = [
  "CREATE TEMP TABLE IF NOT EXISTS close_ranges (k INTEGER PRIMARY KEY, sid INTEGER, pids TEXT, lo INTEGER, " +
    "hi INTEGER, sess INTEGER, now INTEGER)",
  // Keyed by group, then time: the grouping, the counter steps and the look-ups of `last` read it in key order.
  `CREATE TEMP TABLE IF NOT EXISTS close_raw (${RAW_COLUMNS}, PRIMARY KEY (k, pid, e, t)) WITHOUT ROWID`,
  `CREATE TEMP TABLE IF NOT EXISTS close_steps (${STEP_COLUMNS})`,
  `INSERT INTO temp.close_ranges ${RANGE_SELECT}`,
  `INSERT INTO ${CLOSE.raw} WITH ${CLOSE_RANGES} ${RAW_SELECT}`,
  `INSERT INTO ${CLOSE.steps} WITH ${CLOSE_RANGES}, ${counterSteps(CLOSE.raw)} SELECT k, pid, t, e, v, step FROM steps`,
  upsertSql(reduceFrom(CLOSE)),
  `WITH ${CLOSE_RANGES} SELECT s.k, g.sid, s.pid, s.t, s.v - s.step, s.v FROM ${CLOSE.steps} s ` +
    "CROSS JOIN ranges g ON g.k = s.k WHERE s.step < 0 AND s.e > 0",
  "DELETE FROM temp.close_ranges",
  `DELETE FROM ${CLOSE.raw}`,
  `DELETE FROM ${CLOSE.steps}`,
];
const RESETS_AT = 7;

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

/**
 * Reduces and upserts the ranges of every caller in this turn in one write batch (session and time travel per
 * range); answers each caller with the counter resets among its ranges' readings.
 */
const upsertMerged = coalesce<UpsertItem, SqlReset[]>(async (items) => {
  const resets: SqlReset[][] = items.map(() => []);
  for (let at = 0; at < items.length; at += 500) {
    const part = items.slice(at, at + 500);
    const args = [json(part)];
    const results = await getDb().$client.batch(
      CLOSE_BATCH.map((sql) => (sql.includes("?1") ? { sql, args } : sql)),
      "write",
    );
    for (const r of results[RESETS_AT].rows) resets[at + Number(r.k)].push(toReset(Object.values(r).slice(1)));
  }
  return resets;
});

/**
 * Recomputes and stores every 5-minute interval with raw readings in the ranges (merged with this turn's
 * callers). Returns the counter resets (steps backwards) among the ranges' readings, for the log.
 */
export async function upsertRangesSql(
  ranges: SqlRange[],
  sessionId: number | null,
  nowMs: number,
): Promise<SqlReset[]> {
  const found = await upsertMerged(ranges.map((r) => ({ ...r, sessionId, nowMs })));
  return found.flat();
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

function toReset(r: unknown[]): SqlReset {
  return {
    systemId: Number(r[0]),
    pointId: Number(r[1]),
    timeMs: Number(r[2]),
    from: Number(r[3]),
    to: Number(r[4]),
  };
}
