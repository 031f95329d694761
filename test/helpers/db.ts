import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, getDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { resetEnv } from "@/lib/env";
import { startHranaBridge, type HranaBridge } from "./hrana-bridge";

export interface TestDb {
  db: Db;
  /** DATABASE_URL of the suite: `file:…`, or the Hrana bridge's `http://…` in remote mode. */
  url: string;
  dir: string;
  /** The libSQL file behind the database (the same file in remote mode). */
  file: string;
  remote: boolean;
  cleanup: () => Promise<void>;
}

/** Whether the suites run `@libsql/client` in remote mode against the Hrana bridge (`TEST_DB_MODE=remote`). */
export const remoteTestDb = () => process.env.TEST_DB_MODE === "remote";

/**
 * A fresh, migrated libSQL file for one suite; it becomes the process database (getDb()). With TEST_DB_MODE=remote
 * the file sits behind a Hrana-over-HTTP bridge and the app reaches it as it reaches Turso in production.
 */
export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), "solar-test-"));
  const file = join(dir, "test.db");
  let bridge: HranaBridge | undefined;
  if (remoteTestDb()) bridge = await startHranaBridge(file);
  const url = bridge ? bridge.url : `file:${file}`;
  closeDb();
  process.env.DATABASE_URL = url;
  resetEnv();
  const db = getDb();
  await migrate(db.$client);
  return {
    db,
    url,
    dir,
    file,
    remote: Boolean(bridge),
    cleanup: async () => {
      closeDb();
      await bridge?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
