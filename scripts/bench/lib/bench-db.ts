import type { Client } from "@libsql/client";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, getDb, openClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { resetEnv } from "@/lib/env";

export interface BenchDb {
  url: string;
  path: string;
  client: Client;
  /** Size of the database file plus its WAL. */
  bytes(): number;
  cleanup(): void;
}

const dirs: string[] = [];

/** A fresh, migrated, throwaway libSQL file that becomes the process database (getDb()). */
export async function openBenchDb(name: string): Promise<BenchDb> {
  const dir = mkdtempSync(join(tmpdir(), `solar-bench-${name}-`));
  dirs.push(dir);
  const path = join(dir, "bench.db");
  const url = `file:${path}`;
  closeDb();
  process.env.DATABASE_URL = url;
  resetEnv();
  const client = getDb().$client;
  await migrate(client);
  return {
    url,
    path,
    client,
    bytes: () => [path, `${path}-wal`].reduce((a, p) => a + (safeSize(p) ?? 0), 0),
    cleanup: () => {
      closeDb();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A second libSQL file outside the process database (baselines: bare tables, the seed's layout). */
export function openSideDb(name: string): { client: Client; path: string } {
  const dir = mkdtempSync(join(tmpdir(), `solar-bench-${name}-`));
  dirs.push(dir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "side.db");
  return { client: openClient(`file:${path}`), path };
}

/** Removes every throwaway database this process created (also on error). */
export function removeBenchDbs(): void {
  closeDb();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

function safeSize(p: string): number | undefined {
  try {
    return statSync(p).size;
  } catch {
    return undefined;
  }
}
