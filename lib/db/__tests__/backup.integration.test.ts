import { createClient } from "@libsql/client";
import Database from "libsql";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { catchUpDaily } from "@/lib/aggregation";
import { getDb } from "@/lib/db/client";
import { ingestFetchResult } from "@/lib/ingest";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertSolarSystem, TEST_POINTS } from "@/test/helpers/test-vendor";
import { backupDatabase, BackupError, restoreDatabase, verifyBackup } from "../backup";
import { migrate } from "../migrate";

let t: TestDb;
const T0 = Date.UTC(2025, 2, 1, 13); // 2025-03-02 00:00 in Melbourne

/** Answers the app's tables give: every table's rows in key order, plus a few aggregate questions. */
async function answers(): Promise<unknown> {
  const client = getDb().$client;
  const q = async (sql: string) => (await client.execute(sql)).rows.map((r) => ({ ...r }));
  return {
    systems: await q("SELECT * FROM systems ORDER BY id"),
    points: await q("SELECT * FROM point_info ORDER BY system_id, id"),
    raw: await q("SELECT system_id, point_id, measurement_time, value FROM point_readings ORDER BY 1, 2, 3"),
    five: await q("SELECT * FROM point_readings_agg_5m ORDER BY system_id, point_id, interval_end"),
    daily: await q("SELECT * FROM point_readings_agg_1d ORDER BY system_id, point_id, day"),
    total: await q("SELECT point_id, SUM(delta) AS wh FROM point_readings_agg_5m GROUP BY point_id ORDER BY 1"),
  };
}

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  const { systemId } = await insertSolarSystem(t.db, "Australia/Melbourne");
  const readings = [];
  for (let i = 1; i <= 24 * 12 + 12; i++) {
    const ms = T0 + i * 300_000;
    readings.push({ point: TEST_POINTS.solar, measurementTimeMs: ms, value: 1000 + (i % 7) * 100 });
    readings.push({ point: TEST_POINTS.solarEnergy, measurementTimeMs: ms, value: 50_000 + i * 90 });
  }
  await ingestFetchResult(
    { id: systemId, displayTimezone: "Australia/Melbourne" },
    { readings },
    { sessionId: null, receivedMs: T0 + 30 * 3_600_000 },
  );
  await catchUpDaily({ now: new Date(T0 + 30 * 3_600_000) });
});
afterAll(() => t.cleanup());

describe("backup → wipe → restore", () => {
  it("gives the same answers to the same queries", async () => {
    const before = await answers();
    expect((before as { daily: unknown[] }).daily.length).toBeGreaterThan(0);
    const file = join(t.dir, "backup.db");
    const manifest = await backupDatabase(t.db.$client, t.url, file);
    expect(manifest.tables.point_readings_agg_5m.rows).toBeGreaterThan(200);
    expect(manifest.migrations.length).toBeGreaterThan(5);
    expect(manifest.source).not.toMatch(/authToken|\?/);

    // Wipe: every row of every table gone (the schema stays, as after a bad migration by hand).
    const client = t.db.$client;
    const tables = (
      await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ).rows.map((r) => String(r.name));
    await client.batch(
      tables.map((name) => `DELETE FROM "${name}"`),
      "write",
    );
    expect((await client.execute("SELECT COUNT(*) AS n FROM point_readings_agg_5m")).rows[0].n).toBe(0);

    if (t.remote) {
      await restoreDatabase({ url: t.url, client }, file);
    } else {
      t.db.$client.close(); // the app is stopped for a local restore
      await restoreDatabase({ url: t.url }, file);
      const { closeDb } = await import("@/lib/db/client");
      closeDb();
    }
    expect(await answers()).toEqual(before);
    await migrate(getDb().$client); // a restored database is a normal one: nothing left to apply
  });

  it("refuses a damaged backup, one whose rows differ from its manifest, and one from a newer schema", async () => {
    const file = join(t.dir, "second.db");
    await backupDatabase(getDb().$client, t.url, file);
    await expect(verifyBackup(file)).resolves.toMatchObject({ format: 1 });

    const tampered = join(t.dir, "tampered.db");
    writeFileSync(tampered, readFileSync(file));
    writeFileSync(`${tampered}.manifest.json`, readFileSync(`${file}.manifest.json`));
    const db = new Database(tampered);
    db.exec(
      "UPDATE point_readings_agg_5m SET sample_count = sample_count + 1 " +
        "WHERE interval_end = (SELECT MIN(interval_end) FROM point_readings_agg_5m)",
    );
    db.close();
    await expect(verifyBackup(tampered)).rejects.toThrow(/point_readings_agg_5m does not match the manifest/);

    // A backup taken of a database that has a migration this code does not know (its manifest matches its rows).
    const newer = join(t.dir, "newer.db");
    writeFileSync(newer, readFileSync(file));
    const n = new Database(newer);
    n.exec("INSERT INTO migrations (id, applied_at) VALUES ('9999_from_the_future.sql', 0)");
    n.close();
    const fromNewer = join(t.dir, "from-newer.db");
    const newerClient = createClient({ url: `file:${newer}` });
    await backupDatabase(newerClient, `file:${newer}`, fromNewer);
    newerClient.close();
    await expect(verifyBackup(fromNewer)).rejects.toThrow(/newer schema \(9999_from_the_future.sql/);

    const garbage = join(t.dir, "garbage.db");
    writeFileSync(garbage, "not a database at all");
    writeFileSync(`${garbage}.manifest.json`, readFileSync(`${file}.manifest.json`));
    await expect(verifyBackup(garbage)).rejects.toThrow();
    await expect(verifyBackup(join(t.dir, "nope.db"))).rejects.toThrow(BackupError);
    expect(existsSync(join(t.dir, "backup.db"))).toBe(true);
  });
});
