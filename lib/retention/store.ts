import "server-only";
import type { InValue } from "@libsql/client";
import { getDb } from "@/lib/db/client";
import { unpacked } from "@/lib/db/packed-readings";
import { TIER_COLUMNS, TIER_KEY, type Tier, type TierRow } from "./tiers";

/** One local day of a system: 5-minute and 30-minute rows belong to it by interval END in (startMs, endMs]. */
export interface DaySpan {
  day: string;
  startMs: number;
  endMs: number;
}

/*
 * What "the next level has stored it" means per tier (every coarser level is reduced from the 5-minute rows):
 * - raw: every reading of the packed row has its 5-minute row (readings of points that no longer exist need none);
 * - 5m: its 30-minute bucket row, the point's daily row and the day's energy account row exist, and the day is not
 *   waiting to be re-reduced (daily_pending);
 * - 30m: the point's daily row exists and the day is not pending;
 * - daily, accounts: the last levels; they go when their days are past the tier's retention (archive them).
 */
const J = unpacked("j");
const RAW_COVERED = (x: string) =>
  `NOT EXISTS (SELECT 1 FROM json_each(${x}.readings) k WHERE EXISTS (SELECT 1 FROM point_info p ` +
  "WHERE p.system_id = ?1 AND p.id = CAST(k.key AS INTEGER)) AND NOT EXISTS (SELECT 1 FROM point_readings_agg_5m a " +
  "WHERE a.system_id = ?1 AND a.point_id = CAST(k.key AS INTEGER) " +
  `AND a.interval_end = ((${x}.measurement_time + 299999) / 300000) * 300000))`;
const DAY_SETTLED = "NOT EXISTS (SELECT 1 FROM daily_pending q WHERE q.system_id = ?1 AND q.day = d.day)";
const HAS_DAILY =
  "EXISTS (SELECT 1 FROM point_readings_agg_1d x WHERE x.system_id = ?1 AND x.point_id = a.point_id AND x.day = d.day)";
const COVERED: Record<"5m" | "30m", string> = {
  "5m":
    "EXISTS (SELECT 1 FROM point_readings_agg_30m h WHERE h.system_id = ?1 AND h.point_id = a.point_id " +
    "AND h.interval_end = ((a.interval_end + 1799999) / 1800000) * 1800000) " +
    `AND ${HAS_DAILY} AND EXISTS (SELECT 1 FROM energy_daily e WHERE e.system_id = ?1 AND e.day = d.day) AND ${DAY_SETTLED}`,
  "30m": `${HAS_DAILY} AND ${DAY_SETTLED}`,
};
const TABLE: Record<Tier, string> = {
  raw: "poll_readings",
  "5m": "point_readings_agg_5m",
  "30m": "point_readings_agg_30m",
  daily: "point_readings_agg_1d",
  accounts: "energy_daily",
};
const DAYS = "(SELECT value->>0 AS day, value->>1 AS lo, value->>2 AS hi FROM json_each(?2)) d";

/** FROM … WHERE of a tier's rows in the days that the cleanup may remove (the args are built by scopeArgs). */
function expiringFrom(tier: Tier): string {
  switch (tier) {
    case "raw":
      return (
        "poll_readings x JOIN json_each(x.readings) j WHERE x.system_id = ?1 AND x.measurement_time >= ?2 " +
        `AND x.measurement_time < ?3 AND ${RAW_COVERED("x")}`
      );
    case "5m":
    case "30m":
      return (
        `${DAYS} JOIN ${TABLE[tier]} a ON a.system_id = ?1 AND a.interval_end > d.lo AND a.interval_end <= d.hi ` +
        `WHERE ${COVERED[tier]}`
      );
    case "daily":
    case "accounts":
      return `${TABLE[tier]} a WHERE a.system_id = ?1 AND a.day >= ?2 AND a.day <= ?3`;
  }
}

function selectColumns(tier: Tier): string {
  if (tier !== "raw") return TIER_COLUMNS[tier].map((c) => `a.${c.name}`).join(", ");
  return (
    `x.system_id, ${J.pointId} AS point_id, x.measurement_time, ${J.value} AS value, ${J.valueStr} AS value_str, ` +
    `${J.quality} AS data_quality, x.session_id`
  );
}

/** ?1 the system; raw: ?2, ?3 the [start, end) ms; 5m, 30m: ?2 the days as JSON; daily, accounts: ?2, ?3 the days. */
function scopeArgs(tier: Tier, systemId: number, days: DaySpan[]): InValue[] {
  const first = days[0];
  const last = days[days.length - 1];
  if (tier === "raw") return [systemId, first.startMs, last.endMs];
  if (tier === "5m" || tier === "30m") {
    return [systemId, JSON.stringify(days.map((d) => [d.day, d.startMs, d.endMs]))];
  }
  return [systemId, first.day, last.day];
}

function toRow(tier: Tier, r: Record<string, unknown>): TierRow {
  const row: TierRow = {};
  for (const c of TIER_COLUMNS[tier]) {
    const v = r[c.name];
    row[c.name] = v === null || v === undefined ? null : c.type === "STRING" ? String(v) : Number(v);
  }
  return row;
}

/** A system's rows of a tier in `days` (consecutive local days) that the next level covers, in key order. */
export async function selectExpiring(tier: Tier, systemId: number, days: DaySpan[]): Promise<TierRow[]> {
  if (!days.length) return [];
  const order = TIER_KEY[tier].join(", ");
  const res = await getDb().$client.execute({
    sql: `SELECT ${selectColumns(tier)} FROM ${expiringFrom(tier)} ORDER BY ${order}`,
    args: scopeArgs(tier, systemId, days),
  });
  return res.rows.map((r) => toRow(tier, r as unknown as Record<string, unknown>));
}

/**
 * Deletes a system's rows of a tier in `days` that the next level covers; with `only` (the rows just archived),
 * only those of them (a row that became covered after they were read stays for the next run). Returns the rows
 * removed (raw: readings, not packed rows).
 */
export async function deleteExpiring(
  tier: Tier,
  systemId: number,
  days: DaySpan[],
  only: TierRow[] | null,
): Promise<number> {
  if (!days.length || (only && !only.length)) return 0;
  const args = scopeArgs(tier, systemId, days);
  const keysParam = `?${args.length + 1}`;
  const key = TIER_KEY[tier];
  let restrict = "";
  if (only && tier === "raw") {
    // The archived rows are readings; the delete is of packed rows, by their distinct times.
    args.push(JSON.stringify([...new Set(only.map((r) => r.measurement_time))]));
    restrict = ` AND x.measurement_time IN (SELECT value FROM json_each(${keysParam}))`;
  } else if (only) {
    args.push(JSON.stringify(only.map((r) => key.map((k) => r[k]))));
    const cols = key.map((k) => `a.${k}`).join(", ");
    restrict = ` AND (${cols}) IN (SELECT ${key.map((_, i) => `value->>${i}`).join(", ")} FROM json_each(${keysParam}))`;
  }
  if (tier === "raw") {
    const res = await getDb().$client.execute({
      sql:
        "DELETE FROM poll_readings WHERE system_id = ?1 AND measurement_time IN (SELECT x.measurement_time FROM " +
        `poll_readings x WHERE x.system_id = ?1 AND x.measurement_time >= ?2 AND x.measurement_time < ?3 ` +
        `AND ${RAW_COVERED("x")}${restrict}) RETURNING (SELECT count(*) FROM json_each(readings)) AS n`,
      args,
    });
    return res.rows.reduce((sum, r) => sum + Number(r.n), 0);
  }
  const pk = tier === "accounts" ? ["system_id", "day"] : ["system_id", ...key];
  const res = await getDb().$client.execute({
    sql:
      `DELETE FROM ${TABLE[tier]} WHERE (${pk.join(", ")}) IN (SELECT ${pk.map((k) => `a.${k}`).join(", ")} ` +
      `FROM ${expiringFrom(tier)}${restrict})`,
    args,
  });
  return res.rowsAffected;
}

/** The oldest stored instant (ms) or local day of a system's tier, or null when it has none. */
export async function oldestOf(tier: Tier, systemId: number): Promise<number | string | null> {
  const column = tier === "raw" ? "measurement_time" : tier === "daily" || tier === "accounts" ? "day" : "interval_end";
  const res = await getDb().$client.execute({
    sql: `SELECT min(${column}) AS v FROM ${TABLE[tier]} WHERE system_id = ?`,
    args: [systemId],
  });
  const v = res.rows[0]?.v;
  if (v === null || v === undefined) return null;
  return typeof v === "string" ? v : Number(v);
}

/** Systems with rows in any tier, with their display zone (local days are the zone's). */
export async function listSystemsWithData(): Promise<Array<{ id: number; zone: string }>> {
  const res = await getDb().$client.execute(
    "SELECT id, display_timezone FROM systems WHERE id IN (SELECT system_id FROM point_info) ORDER BY id",
  );
  return res.rows.map((r) => ({ id: Number(r.id), zone: String(r.display_timezone) }));
}

/** How many of a system's rows of a tier in `days` the cleanup would remove (raw: polls, i.e. packed rows). */
export async function countExpiring(tier: Tier, systemId: number, days: DaySpan[]): Promise<number> {
  if (!days.length) return 0;
  const counted = tier === "raw" ? "count(DISTINCT x.measurement_time)" : "count(*)";
  const res = await getDb().$client.execute({
    sql: `SELECT ${counted} AS n FROM ${expiringFrom(tier)}`,
    args: scopeArgs(tier, systemId, days),
  });
  return Number(res.rows[0]?.n ?? 0);
}

/**
 * Rows of a tier's table, those dated since `sinceMs` / `sinceDay` (the intake rate), and the bytes of its b-trees
 * (dbstat; null where the database does not offer it, as on remote databases). Raw rows are polls (packed rows).
 */
export async function tierSize(
  tier: Tier,
  sinceMs: number,
  sinceDay: string,
): Promise<{ rows: number; recentRows: number; bytes: number | null }> {
  const table = TABLE[tier];
  const time = tier === "raw" ? "measurement_time" : tier === "daily" || tier === "accounts" ? "day" : "interval_end";
  const since = tier === "daily" || tier === "accounts" ? sinceDay : sinceMs;
  const res = await getDb().$client.execute({
    sql: `SELECT count(*) AS n, count(CASE WHEN ${time} >= ? THEN 1 END) AS recent FROM ${table}`,
    args: [since],
  });
  let bytes: number | null = null;
  try {
    const b = await getDb().$client.execute({
      sql:
        "SELECT sum(pgsize) AS b FROM dbstat('main', 1) WHERE name = ?1 OR name IN " +
        "(SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1)",
      args: [table],
    });
    bytes = b.rows[0]?.b === null || b.rows[0]?.b === undefined ? null : Number(b.rows[0].b);
  } catch {
    bytes = null;
  }
  return { rows: Number(res.rows[0].n), recentRows: Number(res.rows[0].recent), bytes };
}
