import "server-only";
import type { InStatement, InValue } from "@libsql/client";
import { getDb } from "@/lib/db/client";
import { ROWS_PER_STATEMENT, type RawReadingRow } from "@/lib/db/queries/readings";
import { coalesce } from "./coalesce";

interface RawItem {
  systemId: number;
  sessionId: number | null;
  row: RawReadingRow;
}

const SQL_HEAD =
  "INSERT INTO point_readings (system_id, point_id, measurement_time, value, value_str, data_quality, session_id) VALUES ";
const SQL_TAIL = " ON CONFLICT DO NOTHING RETURNING system_id, point_id, measurement_time";

/** The readings of every poll finishing in this turn: one transaction of 400-row INSERTs; true where new. */
const insertMerged = coalesce<RawItem, boolean>(async (items) => {
  const statements: InStatement[] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
    const part = items.slice(i, i + ROWS_PER_STATEMENT);
    const args: InValue[] = [];
    for (const { systemId, sessionId, row: r } of part) {
      args.push(systemId, r.pointId, r.timeMs, r.value, r.valueStr, r.quality, sessionId);
    }
    statements.push({ sql: SQL_HEAD + part.map(() => "(?,?,?,?,?,?,?)").join(",") + SQL_TAIL, args });
  }
  const results = await getDb().$client.batch(statements, "write");
  const fresh = new Set<string>();
  for (const res of results) for (const r of res.rows) fresh.add(`${r.system_id}:${r.point_id}:${r.measurement_time}`);
  // A key is new once: a duplicate reading (same point and time) reports only its first copy as inserted.
  return items.map(({ systemId, row }) => fresh.delete(`${systemId}:${row.pointId}:${row.timeMs}`));
});

/**
 * Inserts one system's raw readings (INSERT … ON CONFLICT DO NOTHING) merged with those of every other poll
 * finishing in the same turn; returns only the rows that were new, so a replay reports nothing inserted.
 */
export async function insertRawReadings(
  systemId: number,
  rows: RawReadingRow[],
  sessionId: number | null,
): Promise<Array<{ pointId: number; timeMs: number }>> {
  const flags = await insertMerged(rows.map((row) => ({ systemId, sessionId, row })));
  return rows.filter((_, i) => flags[i]).map((r) => ({ pointId: r.pointId, timeMs: r.timeMs }));
}
