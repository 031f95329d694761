import "server-only";
import type { InStatement } from "@libsql/client";
import { getDb } from "@/lib/db/client";

const VALUE_COLUMNS = ["avg", "min", "max", "last", "delta", "sample_count", "error_count", "interval_count"];
const BUCKET = "((a.interval_end + 1799999) / 1800000) * 1800000";

/*
 * The daily reduction (reduceDay in ./daily.ts stays the reference) per 30-minute bucket, done by SQLite where the
 * 5-minute rows live: avg = mean of the non-null averages, min/max, last = the last non-null `last` of the bucket,
 * delta = sum of the non-null deltas, counts summed, interval_count = rows present. One statement text for any
 * number of systems: ?1 is a JSON array of members [system_id, after_ms, until_ms, [point ids]] (a run of adjacent
 * buckets shared by some points of one system), each point one key-range seek. `a.interval_end` in the correlated
 * subquery is any row of the group: all share the bucket.
 */
const UPSERT =
  "INSERT INTO point_readings_agg_30m (system_id, point_id, interval_end, avg, min, max, last, delta, sample_count, " +
  `error_count, interval_count, updated_at) SELECT a.system_id, a.point_id, ${BUCKET}, avg(a.avg), min(a.min), ` +
  "max(a.max), (SELECT b.last FROM point_readings_agg_5m b WHERE b.system_id = a.system_id " +
  `AND b.point_id = a.point_id AND b.interval_end > ${BUCKET} - 1800000 AND b.interval_end <= ${BUCKET} ` +
  "AND b.last IS NOT NULL ORDER BY b.interval_end DESC LIMIT 1), " +
  "sum(a.delta), sum(a.sample_count), sum(a.error_count), count(*), ?2 " +
  "FROM (SELECT value->>0 AS sid, value->>1 AS lo, value->>2 AS hi, value->'$[3]' AS pids FROM json_each(?1)) m " +
  "CROSS JOIN json_each(m.pids) p CROSS JOIN point_readings_agg_5m a ON a.system_id = m.sid " +
  "AND a.point_id = p.value AND a.interval_end > m.lo AND a.interval_end <= m.hi " +
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint. Only rows whose values differ are
  // updated, so refreshing unchanged data leaves even updated_at alone.
  `WHERE true GROUP BY a.system_id, a.point_id, ${BUCKET} ` +
  "ON CONFLICT (system_id, point_id, interval_end) DO UPDATE SET " +
  [...VALUE_COLUMNS, "updated_at"].map((c) => `${c} = excluded.${c}`).join(", ") +
  ` WHERE ${VALUE_COLUMNS.map((c) => `${c} IS NOT excluded.${c}`).join(" OR ")}`;

/** Members per statement: bounds one statement's JSON and work, not its text (which never changes). */
const MEMBERS_PER_STATEMENT = 1_000;

/** A run of adjacent 30-minute buckets, (afterMs, untilMs], shared by some points of one system. */
export type Member = { systemId: number; afterMs: number; untilMs: number; pointIds: number[] };

function statements(members: Member[], nowMs: number): InStatement[] {
  const out: InStatement[] = [];
  for (let i = 0; i < members.length; i += MEMBERS_PER_STATEMENT) {
    const part = members.slice(i, i + MEMBERS_PER_STATEMENT);
    const json = JSON.stringify(part.map((m) => [m.systemId, m.afterMs, m.untilMs, m.pointIds]));
    out.push({ sql: UPSERT, args: [json, nowMs] });
  }
  return out;
}

/** Recomputes the 30-minute rows of the members' buckets from the stored 5-minute rows, in one write batch. */
export async function upsertThirtyMinute(members: Member[], nowMs: number): Promise<void> {
  const batch = statements(members, nowMs);
  if (batch.length) await getDb().$client.batch(batch, "write");
}
