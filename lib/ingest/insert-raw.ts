import "server-only";
import type { InStatement, InValue } from "@libsql/client";
import { getDb } from "@/lib/db/client";
import { chunk, ROWS_PER_STATEMENT, type RawReadingRow } from "@/lib/db/queries/readings";
import { coalesce } from "./coalesce";

interface RawItem {
  systemId: number;
  sessionId: number | null;
  row: RawReadingRow;
}

const COLUMNS = "system_id, point_id, measurement_time, value, value_str, data_quality, session_id";

/**
 * One bound JSON text per statement instead of 7 parameters per row: SQLite parses the array in C, which is
 * cheaper than binding thousands of values one by one. Numbers keep their exact doubles (JSON.stringify writes
 * the shortest round-trip form); `->>` yields SQL NULL for JSON null.
 */
const JSON_INSERT =
  `INSERT INTO point_readings (${COLUMNS}) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, ` +
  "value->>5, value->>6 FROM json_each(?) WHERE true ON CONFLICT DO NOTHING";

const VALUES_HEAD = `INSERT INTO point_readings (${COLUMNS}) VALUES `;
const VALUES_TAIL = " ON CONFLICT DO NOTHING RETURNING system_id, point_id, measurement_time";

const tuple = ({ systemId, sessionId, row: r }: RawItem) =>
  [systemId, r.pointId, r.timeMs, r.value, r.valueStr, r.quality, sessionId] as const;

/**
 * After the JSON insert, in the same write batch: fails (json('') is malformed) unless the insert stored every
 * row, which rolls the whole batch back.
 */
const ALL_NEW_OR_FAIL = "SELECT CASE WHEN changes() = ? THEN 1 ELSE json('') END";

/**
 * The readings of every poll finishing in this turn, in one transaction; true where the row was new.
 * Fast path: one INSERT … SELECT FROM json_each plus a check that every row was stored (the normal case: live
 * data is new), so each row is new. If some were already stored (a replay, an overlapping back-fill, a
 * duplicate inside one fetch) the check fails and the batch rolls back; the rows are then inserted with
 * RETURNING, which says exactly which were new, at the cost of a JS row per inserted reading. Any other error
 * surfaces from that second attempt.
 */
const insertMerged = coalesce<RawItem, boolean>(async (items) => {
  try {
    await getDb().$client.batch(
      [
        { sql: JSON_INSERT, args: [JSON.stringify(items.map(tuple))] },
        { sql: ALL_NEW_OR_FAIL, args: [items.length] },
      ],
      "write",
    );
    return items.map(() => true);
  } catch {
    return insertReturning(items);
  }
});

async function insertReturning(items: RawItem[]): Promise<boolean[]> {
  const statements: InStatement[] = chunk(items, ROWS_PER_STATEMENT).map((part) => ({
    sql: VALUES_HEAD + part.map(() => "(?,?,?,?,?,?,?)").join(",") + VALUES_TAIL,
    args: part.flatMap((it) => tuple(it) as unknown as InValue[]),
  }));
  const results = await getDb().$client.batch(statements, "write");
  const fresh = new Set<string>();
  for (const res of results) for (const r of res.rows) fresh.add(`${r.system_id}:${r.point_id}:${r.measurement_time}`);
  // A key is new once: a duplicate reading (same point and time) reports only its first copy as inserted.
  return items.map(({ systemId, row }) => fresh.delete(`${systemId}:${row.pointId}:${row.timeMs}`));
}

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
