import "server-only";
import type { InStatement } from "@libsql/client";
import { getDb } from "@/lib/db/client";
import { chunk } from "@/lib/db/queries/readings";
import { dayBounds } from "@/lib/time/zones";
import { reduceDay } from "./daily";
import { dayOfIntervalEnd } from "./pending-days";
import { loadFiveMinuteWindow, type StoredFiveMinute } from "./store-five-minute";

/** Days per 5-minute query: a week of 288 intervals per point keeps each read small. */
const DAYS_PER_QUERY = 7;

/**
 * (Re)computes the daily rows of some local days of one system from its 5-minute rows, replacing the old rows
 * of those days in one transaction (a point with no data left loses its stale row). Returns rows written.
 */
export async function aggregateDays(
  system: { id: number; displayTimezone: string },
  days: string[],
  nowMs = Date.now(),
): Promise<number> {
  let written = 0;
  const sorted = [...new Set(days)].sort();
  for (const part of chunk(sorted, DAYS_PER_QUERY)) {
    const from = dayBounds(part[0], system.displayTimezone).startMs;
    const until = dayBounds(part[part.length - 1], system.displayTimezone).endMs;
    const rows = await loadFiveMinuteWindow(system.id, from, until);
    const wanted = new Set(part);
    const groups = new Map<string, StoredFiveMinute[]>();
    for (const r of rows) {
      const day = dayOfIntervalEnd(r.intervalEndMs, system.displayTimezone);
      if (!wanted.has(day)) continue;
      const key = `${r.pointId}|${day}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(r);
    }
    const statements: InStatement[] = [
      {
        sql: `DELETE FROM point_readings_agg_1d WHERE system_id = ? AND day IN (${part.map(() => "?").join(",")})`,
        args: [system.id, ...part],
      },
    ];
    for (const [key, group] of groups) {
      const [pointId, day] = key.split("|");
      const v = reduceDay(group);
      statements.push({
        sql:
          "INSERT INTO point_readings_agg_1d (system_id, point_id, day, avg, min, max, last, delta, sample_count, " +
          "error_count, interval_count, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        args: [system.id, Number(pointId), day, v.avg, v.min, v.max, v.last, v.delta].concat([
          v.sampleCount,
          v.errorCount,
          v.intervalCount,
          nowMs,
          nowMs,
        ]),
      });
    }
    await getDb().$client.batch(statements, "write");
    written += groups.size;
  }
  return written;
}
