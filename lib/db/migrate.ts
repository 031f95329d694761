import type { Client } from "@libsql/client";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const MIGRATIONS_DIR = join(process.cwd(), "migrations");

/** Splits a reviewed SQL file into statements (one per `;` at a line end; no triggers with inner `;`). */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join("\n");
  return withoutComments
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

/**
 * Applies every migrations/NNNN_*.sql not yet recorded, in order, each in one transaction together with
 * its row in the migrations table. Safe to run again: recorded files are skipped.
 */
export async function migrate(client: Client, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  await client.execute("CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const done = new Set((await client.execute("SELECT id FROM migrations")).rows.map((r) => String(r.id)));
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  const result: MigrationResult = { applied: [], skipped: [] };
  for (const file of files) {
    if (done.has(file)) {
      result.skipped.push(file);
      continue;
    }
    const statements = splitStatements(readFileSync(join(dir, file), "utf8"));
    await client.batch(
      [...statements, { sql: "INSERT INTO migrations (id, applied_at) VALUES (?, ?)", args: [file, Date.now()] }],
      "write",
    );
    result.applied.push(file);
  }
  return result;
}
