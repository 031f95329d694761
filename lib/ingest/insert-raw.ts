import "server-only";
import { packReading, type PackedReading } from "@/lib/db/packed-readings";
import type { RawReadingRow } from "@/lib/db/queries/readings";
import { coalesce } from "@/lib/db/coalesce";
import { writePackedRows } from "./store";

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
  const had = await writePackedRows(json, rows.length);
  if (!had) return placed.map((poll) => poll.map((at) => at >= 0));
  return placed.map((poll, p) => poll.map((at, i) => at >= 0 && !had.has(`${at}:${polls[p].rows[i].pointId}`)));
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
