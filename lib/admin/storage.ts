import "server-only";
import { getDb } from "@/lib/db/client";

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

async function pragma(name: string): Promise<number | null> {
  try {
    const res = await getDb().$client.execute(`PRAGMA ${name}`);
    const v = res.rows[0] ? Object.values(res.rows[0])[0] : null;
    return v === null || v === undefined ? null : Number(v);
  } catch {
    return null;
  }
}

/**
 * Rows, oldest and newest per table, and the database size. One pass per table (count, min and max in a
 * single scan); an admin page, so a few seconds on hundreds of millions of rows is acceptable.
 */
export async function getStorageStats(): Promise<StorageStats> {
  const client = getDb().$client;
  const tables: TableStats[] = [];
  for (const t of TABLES) {
    try {
      const sel = t.time ? `, min(${t.time}) AS oldest, max(${t.time}) AS newest` : "";
      const res = await client.execute(`SELECT count(*) AS n${sel} FROM ${t.table}`);
      const r = res.rows[0];
      const conv = (v: unknown) => (v === null || v === undefined ? null : t.kind === "day" ? String(v) : Number(v));
      tables.push({ table: t.table, rows: Number(r.n), oldest: conv(r.oldest), newest: conv(r.newest) });
    } catch {
      // A table from a migration this database has not applied yet: leave it out rather than fail the page.
    }
  }
  const [pageCount, pageSize] = [await pragma("page_count"), await pragma("page_size")];
  const databaseBytes = pageCount !== null && pageSize !== null ? pageCount * pageSize : null;
  return { tables, databaseBytes, pageSize, pageCount, measuredAt: Date.now() };
}
