import "server-only";
import { pragmaNumber, tableSpan } from "./store";

/** Tables the storage page reports, with the column that dates their rows (ms, or a YYYY-MM-DD day). */
const TABLES: ReadonlyArray<{ table: string; time: string | null; kind: "ms" | "day" | null }> = [
  // Raw readings: one row per poll (system, measurement time), the readings packed in it.
  { table: "poll_readings", time: "measurement_time", kind: "ms" },
  { table: "point_readings_agg_5m", time: "interval_end", kind: "ms" },
  { table: "point_readings_agg_30m", time: "interval_end", kind: "ms" },
  { table: "point_readings_agg_1d", time: "day", kind: "day" },
  { table: "sessions", time: "started", kind: "ms" },
  { table: "point_info", time: "created", kind: "ms" },
  { table: "systems", time: "created_at", kind: "ms" },
  { table: "users", time: "created_at", kind: "ms" },
  { table: "user_systems", time: "created_at", kind: "ms" },
  { table: "invitations", time: "created_at", kind: "ms" },
  { table: "daily_pending", time: "day", kind: "day" },
];

export interface TableStats {
  table: string;
  rows: number;
  /** ms since epoch, or a YYYY-MM-DD day for day-keyed tables; null when empty. */
  oldest: number | string | null;
  newest: number | string | null;
}

export interface StorageStats {
  tables: TableStats[];
  /** page_count × page_size; null where the database does not answer PRAGMA (some remote setups). */
  databaseBytes: number | null;
  pageSize: number | null;
  pageCount: number | null;
  measuredAt: number;
}

/**
 * Rows, oldest and newest per table, and the database size. One pass per table (count, min and max in a
 * single scan); an admin page, so a few seconds on hundreds of millions of rows is acceptable.
 */
export async function getStorageStats(): Promise<StorageStats> {
  const tables: TableStats[] = [];
  for (const t of TABLES) {
    const r = await tableSpan(t.table, t.time);
    if (!r) continue; // a table from a migration this database has not applied yet: leave it out
    const conv = (v: unknown) => (v === null || v === undefined ? null : t.kind === "day" ? String(v) : Number(v));
    tables.push({ table: t.table, rows: Number(r.n), oldest: conv(r.oldest), newest: conv(r.newest) });
  }
  const [pageCount, pageSize] = [await pragmaNumber("page_count"), await pragmaNumber("page_size")];
  const databaseBytes = pageCount !== null && pageSize !== null ? pageCount * pageSize : null;
  return { tables, databaseBytes, pageSize, pageCount, measuredAt: Date.now() };
}
