import "server-only";
import type { InValue } from "@libsql/client";
import { getDb, queryRows } from "@/lib/db/client";
import { chunk } from "@/lib/db/coalesce";

/** aggregation_state.five_minute_through of each listed system that has one. */
export async function selectFiveMinuteThrough(systemIds: number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (const part of chunk(systemIds, 500)) {
    const rows = await queryRows(
      `SELECT system_id, five_minute_through FROM aggregation_state WHERE system_id IN (${part.map(() => "?").join(",")})`,
      part,
    );
    for (const r of rows) found.set(Number(r[0]), Number(r[1]));
  }
  return found;
}

/** Moves each system's aggregated mark forward to `through` (never back). */
export async function advanceFiveMinuteThrough(
  items: Array<{ systemId: number; through: number; nowMs: number }>,
): Promise<void> {
  for (const part of chunk(items, 300)) {
    const args: InValue[] = part.flatMap((it) => [it.systemId, it.through, it.nowMs]);
    await getDb().$client.execute({
      sql:
        "INSERT INTO aggregation_state (system_id, five_minute_through, updated_at) VALUES " +
        part.map(() => "(?,?,?)").join(",") +
        " ON CONFLICT (system_id) DO UPDATE SET five_minute_through = max(five_minute_through, " +
        "excluded.five_minute_through), updated_at = excluded.updated_at " +
        "WHERE excluded.five_minute_through > five_minute_through",
      args,
    });
  }
}

/** Systems (all, or the one given) whose aggregated mark is before `throughBeforeMs`, with their zones. */
export async function selectSystemsBehind(
  throughBeforeMs: number,
  systemId?: number,
): Promise<Array<{ id: number; displayTimezone: string }>> {
  const res = await getDb().$client.execute({
    sql:
      "SELECT a.system_id, s.display_timezone FROM aggregation_state a JOIN systems s ON s.id = a.system_id " +
      `WHERE a.five_minute_through < ?${systemId === undefined ? "" : " AND a.system_id = ?"}`,
    args: systemId === undefined ? [throughBeforeMs] : [throughBeforeMs, systemId],
  });
  return res.rows.map((r) => ({ id: Number(r.system_id), displayTimezone: String(r.display_timezone) }));
}

/** Marks (system, day) pairs pending their daily roll-up, bumping the version of days already marked. */
export async function upsertPendingDays(items: Array<{ systemId: number; day: string; nowMs: number }>) {
  for (const part of chunk(items, 200)) {
    const args: InValue[] = [];
    for (const it of part) args.push(it.systemId, it.day, it.nowMs);
    await getDb().$client.execute({
      sql:
        `INSERT INTO daily_pending (system_id, day, version, updated_at) VALUES ${part.map(() => "(?,?,1,?)").join(",")} ` +
        "ON CONFLICT (system_id, day) DO UPDATE SET version = version + 1, updated_at = excluded.updated_at",
      args,
    });
  }
}

/** Every pending (system, day) with the system's zone, oldest day first. */
export async function selectPendingDays(systemId?: number) {
  const res = await getDb().$client.execute({
    sql:
      "SELECT p.system_id, p.day, p.version, s.display_timezone FROM daily_pending p JOIN systems s ON s.id = p.system_id " +
      (systemId === undefined ? "" : "WHERE p.system_id = ? ") +
      "ORDER BY p.day, p.system_id",
    args: systemId === undefined ? [] : [systemId],
  });
  return res.rows.map((r) => ({
    systemId: Number(r.system_id),
    day: String(r.day),
    version: Number(r.version),
    zone: String(r.display_timezone),
  }));
}

/** Clears a pending mark unless it was bumped since it was read (a write raced the aggregation). */
export async function deletePendingDay(systemId: number, day: string, version: number): Promise<void> {
  await getDb().$client.execute({
    sql: "DELETE FROM daily_pending WHERE system_id = ? AND day = ? AND version = ?",
    args: [systemId, day, version],
  });
}

/** Each (point, 5-minute interval end) of one system with raw readings in (afterMs, untilMs]. */
export async function selectRawIntervals(systemId: number, afterMs: number, untilMs: number) {
  const res = await getDb().$client.execute({
    sql:
      "SELECT DISTINCT point_id, ((measurement_time + 299999) / 300000) * 300000 AS interval_end FROM point_readings " +
      "WHERE system_id = ? AND measurement_time > ? AND measurement_time <= ?",
    args: [systemId, afterMs, untilMs],
  });
  return res.rows.map((r) => ({ pointId: Number(r.point_id), intervalEndMs: Number(r.interval_end) }));
}
