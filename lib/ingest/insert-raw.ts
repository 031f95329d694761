import "server-only";
import { getDb } from "@/lib/db/client";
import { packReading, type PackedReading } from "@/lib/db/packed-readings";
import type { RawReadingRow } from "@/lib/db/queries/readings";
import { coalesce } from "@/lib/db/coalesce";

/** One poll's readings. */
interface PollItem {
  systemId: number;
  sessionId: number | null;
  rows: RawReadingRow[];
}

/** One poll_readings row being written: the readings of one system at one measurement time. */
interface PackedRow {
  systemId: number;
  timeMs: number;
  sessionId: number | null;
  readings: Record<string, PackedReading>;
}

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
 * The readings of every poll finishing in this turn, in one transaction; true where the reading was new.
 * Readings are grouped into one packed row per (system, time); a second reading of the same point and time in
 * the turn is a duplicate (the first wins). Fast path: one INSERT … SELECT FROM json_each plus a check that
 * every packed row was new (the normal case: live data is new). If some were already stored (a replay, an
 * overlapping back-fill) the check fails and the batch rolls back; it is then written again with the stored
 * keys read first and the rows merged, in one transaction, so the answer says exactly which readings were new.
 */
const insertMerged = coalesce<PollItem, boolean[]>(async (polls) => {
  const rows: PackedRow[] = [];
  const rowOf = new Map<string, number>();
  // Per poll, per reading: the index of its packed row, or -1 for a duplicate within this turn.
  const placed = polls.map(({ systemId, sessionId, rows: readings }) => {
    let at = -1;
    return readings.map((r) => {
      // A poll's readings usually share one time: only a change of time needs the map.
      if (at < 0 || rows[at].timeMs !== r.timeMs) {
        const key = `${systemId}:${r.timeMs}`;
        at = rowOf.get(key) ?? -1;
        if (at < 0) {
          at = rows.push({ systemId, timeMs: r.timeMs, sessionId, readings: {} }) - 1;
          rowOf.set(key, at);
        }
      }
      const packed = rows[at].readings;
      if (Object.hasOwn(packed, r.pointId)) return -1;
      packed[r.pointId] = packReading(r.value, r.quality, r.valueStr);
      return at;
    });
  });
  const json = JSON.stringify(rows.map((r) => [r.systemId, r.timeMs, r.sessionId, r.readings]));
  const client = getDb().$client;
  try {
    await client.batch(
      [
        { sql: INSERT_NEW, args: [json] },
        { sql: ALL_NEW_OR_FAIL, args: [rows.length] },
      ],
      "write",
    );
    return placed.map((poll) => poll.map((at) => at >= 0));
  } catch {
    const [stored] = await client.batch(
      [
        { sql: STORED_KEYS, args: [json] },
        { sql: INSERT_MERGE, args: [json] },
      ],
      "write",
    );
    const had = new Set(stored.rows.map((r) => `${r.k}:${r.pid}`));
    return placed.map((poll, p) => poll.map((at, i) => at >= 0 && !had.has(`${at}:${polls[p].rows[i].pointId}`)));
  }
});

/**
 * Inserts one system's raw readings merged with those of every other poll finishing in the same turn; returns
 * only the readings that were new, so a replay reports nothing inserted.
 */
export async function insertRawReadings(
  systemId: number,
  rows: RawReadingRow[],
  sessionId: number | null,
): Promise<RawReadingRow[]> {
  if (!rows.length) return [];
  const [fresh] = await insertMerged([{ systemId, sessionId, rows }]);
  return fresh.every(Boolean) ? rows : rows.filter((_, i) => fresh[i]);
}
