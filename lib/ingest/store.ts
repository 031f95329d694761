import "server-only";
import { getDb } from "@/lib/db/client";

/**
 * One bound JSON text per statement: SQLite parses the array in C. `value->>3` is the readings object's JSON
 * text exactly as JSON.stringify wrote it (numbers keep their shortest exact form).
 */
const PACKED_SELECT =
  "SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?1) WHERE true ON CONFLICT (system_id, measurement_time)";
const INSERT_NEW = `INSERT INTO poll_readings (system_id, measurement_time, session_id, readings) ${PACKED_SELECT} DO NOTHING`;

/**
 * After the insert, in the same write batch: fails (json('') is malformed) unless every packed row was new,
 * which rolls the whole batch back.
 */
const ALL_NEW_OR_FAIL = "SELECT CASE WHEN changes() = ? THEN 1 ELSE json('') END";

/** The point ids already stored in the rows being written (k = index of the packed row). */
const STORED_KEYS =
  "SELECT i.key AS k, j.key AS pid FROM json_each(?1) i JOIN poll_readings p ON p.system_id = i.value->>0 " +
  "AND p.measurement_time = i.value->>1 JOIN json_each(p.readings) j";

/** Adds the readings a stored row lacks; a reading already stored wins (json_patch: the patch's members win). */
const INSERT_MERGE =
  `INSERT INTO poll_readings (system_id, measurement_time, session_id, readings) ${PACKED_SELECT} ` +
  "DO UPDATE SET readings = json_patch(excluded.readings, readings) " +
  "WHERE json_patch(excluded.readings, readings) <> readings";

/**
 * Writes packed poll_readings rows (`json`: `[[systemId, timeMs, sessionId, readings], …]`, `count` rows) in one
 * transaction. Fast path: one INSERT … SELECT FROM json_each plus a check that every row was new; null then. If
 * some were already stored the batch rolls back and is redone as a merge that first reads the stored keys:
 * answers those keys as `${row index}:${point id}`.
 */
export async function writePackedRows(json: string, count: number): Promise<Set<string> | null> {
  const client = getDb().$client;
  try {
    await client.batch(
      [
        { sql: INSERT_NEW, args: [json] },
        { sql: ALL_NEW_OR_FAIL, args: [count] },
      ],
      "write",
    );
    return null;
  } catch {
    const [stored] = await client.batch(
      [
        { sql: STORED_KEYS, args: [json] },
        { sql: INSERT_MERGE, args: [json] },
      ],
      "write",
    );
    return new Set(stored.rows.map((r) => `${r.k}:${r.pid}`));
  }
}
