import "server-only";
import { createClient, type Client, type InValue } from "@libsql/client";
import Database from "libsql";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { getEnv } from "@/lib/env";
import * as schema from "./schema";

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

/** Opens a libSQL client: a local file (WAL, busy timeout) or a remote Turso database. */
export function openClient(url: string, authToken?: string): Client {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length);
    if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  }
  const client = createClient({ url, authToken });
  if (url.startsWith("file:")) {
    // WAL lets the cron writer and page readers work at once; the pragmas are per connection.
    void client.execute("PRAGMA journal_mode = WAL").catch(() => undefined);
    void client.execute("PRAGMA busy_timeout = 10000").catch(() => undefined);
    void client.execute("PRAGMA synchronous = NORMAL").catch(() => undefined);
    void client.execute("PRAGMA foreign_keys = ON").catch(() => undefined);
  }
  return client;
}

/** Wraps a libSQL client in Drizzle with the app schema. */
export function createDb(client: Client): Db {
  return drizzle(client, { schema }) as Db;
}

type RawReader = { db: Database.Database; statements: Map<string, Database.Statement> };
const globalForDb = globalThis as unknown as { __solarDb?: { url: string; db: Db; reader?: RawReader | null } };

/** The process-wide database for the configured DATABASE_URL. */
export function getDb(): Db {
  const env = getEnv();
  const cached = globalForDb.__solarDb;
  if (cached && cached.url === env.DATABASE_URL) return cached.db;
  const db = createDb(openClient(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN));
  globalForDb.__solarDb = { url: env.DATABASE_URL, db };
  return db;
}

/** Closes the process-wide database (tests, scripts). */
export function closeDb(): void {
  globalForDb.__solarDb?.reader?.db.close();
  globalForDb.__solarDb?.db.$client.close();
  globalForDb.__solarDb = undefined;
}

const MAX_CACHED_STATEMENTS = 256;

/** A read-only second connection to a local file with prepared statements kept; null for remote or memory URLs. */
function rawReader(): RawReader | null {
  getDb();
  const cached = globalForDb.__solarDb!;
  if (cached.reader !== undefined) return cached.reader;
  const path = cached.url.startsWith("file:") ? cached.url.slice("file:".length) : "";
  if (!path || path === ":memory:" || path.includes("?")) return (cached.reader = null);
  const db = new Database(path);
  db.exec("PRAGMA busy_timeout = 10000");
  db.exec("PRAGMA query_only = 1");
  return (cached.reader = { db, statements: new Map() });
}

/**
 * Runs a read and returns plain row arrays (columns in SELECT order). On a local file it uses a read-only
 * connection with cached prepared statements and no per-row object building, several times faster than
 * client.execute for large results (charts); elsewhere (Turso) it falls back to the client. It sees
 * committed data only, so never use it to read inside an interactive transaction.
 */
export async function queryRows(sql: string, args: InValue[] = []): Promise<unknown[][]> {
  const reader = rawReader();
  if (!reader) {
    const res = await getDb().$client.execute({ sql, args });
    return res.rows.map((r) => Array.from({ length: res.columns.length }, (_, i) => r[i]));
  }
  let stmt = reader.statements.get(sql);
  if (!stmt) {
    if (reader.statements.size >= MAX_CACHED_STATEMENTS) reader.statements.clear();
    stmt = reader.db.prepare(sql).raw(true);
    reader.statements.set(sql, stmt);
  }
  const bound = args.map((a) => (typeof a === "boolean" ? Number(a) : a instanceof Date ? a.getTime() : (a ?? null)));
  return stmt.all(bound) as unknown[][];
}
