import "server-only";
import { createClient, type Client } from "@libsql/client";
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

const globalForDb = globalThis as unknown as { __solarDb?: { url: string; db: Db } };

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
  globalForDb.__solarDb?.db.$client.close();
  globalForDb.__solarDb = undefined;
}
