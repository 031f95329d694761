import { createTestDb, type TestDb } from "@/test/helpers/db";
import { migrate } from "../migrate";

describe("migrations", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.cleanup());

  it("creates the point tables and records each file once", async () => {
    const tables = await t.db.$client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    const names = tables.rows.map((r) => r.name);
    for (const name of [
      "systems",
      "point_info",
      "point_readings",
      "point_readings_agg_5m",
      "point_readings_agg_1d",
      "sessions",
      "user_systems",
      "polling_status",
      "vendor_credentials",
      "migrations",
    ]) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain("readings");
    const again = await migrate(t.db.$client);
    expect(again.applied).toEqual([]);
    expect(again.skipped.length).toBeGreaterThan(0);
  });

  it("keeps raw readings in a WITHOUT ROWID table keyed by system, point, time", async () => {
    const sql = await t.db.$client.execute("SELECT sql FROM sqlite_master WHERE name = 'point_readings'");
    expect(String(sql.rows[0].sql)).toMatch(/WITHOUT ROWID/);
    expect(String(sql.rows[0].sql)).toMatch(/PRIMARY KEY \(system_id, point_id, measurement_time\)/);
  });
});
