import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, getDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { resetEnv } from "@/lib/env";

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  cleanup: () => void;
}

/** A fresh, migrated libSQL file for one suite; it becomes the process database (getDb()). */
export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), "solar-test-"));
  const url = `file:${join(dir, "test.db")}`;
  closeDb();
  process.env.DATABASE_URL = url;
  resetEnv();
  const db = getDb();
  await migrate(db.$client);
  return {
    db,
    url,
    dir,
    cleanup: () => {
      closeDb();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
