import { createClient } from "@libsql/client";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { migrate, MIGRATIONS_DIR } from "../migrate";

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
      "poll_readings",
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

  it("keeps raw readings one row per poll, keyed by system and time, with point_readings as a view", async () => {
    const table = await t.db.$client.execute("SELECT sql FROM sqlite_master WHERE name = 'poll_readings'");
    expect(String(table.rows[0].sql)).toMatch(/WITHOUT ROWID/);
    expect(String(table.rows[0].sql)).toMatch(/PRIMARY KEY \(system_id, measurement_time\)/);
    const view = await t.db.$client.execute("SELECT type FROM sqlite_master WHERE name = 'point_readings'");
    expect(view.rows[0].type).toBe("view");
  });

  it("packs existing raw rows exactly (values, quality, text, session) when 0008 runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "solar-migrate-"));
    const before = join(dir, "before");
    mkdirSync(before);
    for (const f of readdirSync(MIGRATIONS_DIR)) if (f < "0008") copyFileSync(join(MIGRATIONS_DIR, f), join(before, f));
    const client = createClient({ url: `file:${join(dir, "m.db")}` });
    try {
      await migrate(client, before);
      const rows: Array<[number, number, number, number | null, string | null, number, number | null]> = [
        [1, 1, 1000, 0.1 + 0.2, null, 0, 7],
        [1, 2, 1000, 123456.78901234567, null, 0, 7],
        [1, 3, 1000, null, "Charging", 0, 7],
        [1, 4, 1000, 12.5, null, 1, 7],
        [1, 5, 1000, null, null, 0, 7],
        [1, 1, 2000, -2.5e-7, null, 2, null],
        [2, 1, 1000, 5, null, 0, 8],
        [1, 6, 1000, 1e300, 'quote " and \\ backslash', 3, 7],
      ];
      for (const r of rows) {
        await client.execute({ sql: "INSERT INTO point_readings VALUES (?, ?, ?, ?, ?, ?, ?)", args: r });
      }
      expect((await migrate(client)).applied[0]).toBe("0008_poll_readings.sql");
      const packed = await client.execute("SELECT count(*) AS n FROM poll_readings");
      expect(Number(packed.rows[0].n)).toBe(3);
      const back = await client.execute(
        "SELECT system_id, point_id, measurement_time, value, value_str, data_quality, session_id FROM point_readings " +
          "ORDER BY system_id, measurement_time, point_id",
      );
      const sorted = [...rows].sort((a, b) => a[0] - b[0] || a[2] - b[2] || a[1] - b[1]);
      expect(
        back.rows.map((r) => Object.values(r).map((v) => (v === null ? null : typeof v === "string" ? v : Number(v)))),
      ).toEqual(sorted);
    } finally {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("inserts and deletes single readings through the view; the first reading of a key wins", async () => {
    const c = t.db.$client;
    await c.execute(
      "INSERT INTO point_readings (system_id, point_id, measurement_time, value) VALUES (9, 1, 60000, 1.5)",
    );
    // Bound numbers arrive as REAL (9.0, 2.0): ids and quality must still be stored as integers.
    await c.execute({ sql: "INSERT INTO point_readings VALUES (?, ?, ?, NULL, 'Idle', ?, 3)", args: [9, 2, 60000, 0] });
    await c.execute("INSERT INTO point_readings VALUES (9, 1, 60000, 99, NULL, 0, 4)");
    const rows = async () =>
      (
        await c.execute(
          "SELECT point_id, value, value_str, data_quality FROM point_readings WHERE system_id = 9 ORDER BY point_id",
        )
      ).rows.map((r) => [Number(r.point_id), r.value, r.value_str, Number(r.data_quality)]);
    expect(await rows()).toEqual([
      [1, 1.5, null, 0],
      [2, null, "Idle", 0],
    ]);
    await c.execute("DELETE FROM point_readings WHERE system_id = 9 AND point_id = 1");
    expect(await rows()).toEqual([[2, null, "Idle", 0]]);
    const packed = await c.execute("SELECT readings FROM poll_readings WHERE system_id = 9");
    expect(packed.rows[0].readings).toBe('{"2":[null,0,"Idle"]}');
    await c.execute("DELETE FROM point_readings WHERE system_id = 9");
    const left = await c.execute("SELECT count(*) AS n FROM poll_readings WHERE system_id = 9");
    expect(Number(left.rows[0].n)).toBe(0);
  });

  it("changes a system's point_info_version on every insert, edit and removal of its points", async () => {
    const c = t.db.$client;
    await c.execute(
      "INSERT INTO systems (id, owner_user_id, vendor_type, vendor_site_id, display_name, timezone_offset_min, " +
        "display_timezone, created_at, updated_at) VALUES (77, 'o', 'test', 's77', 'V', 600, 'UTC', 0, 0)",
    );
    const version = async () =>
      (await c.execute("SELECT version FROM point_info_version WHERE system_id = 77")).rows.map((r) =>
        Number(r.version),
      )[0];
    expect(await version()).toBeUndefined();
    const seen: number[] = [];
    const step = async (sql: string) => {
      await c.execute(sql);
      const v = await version();
      expect(v).toBeGreaterThan(seen.at(-1) ?? 0);
      seen.push(v!);
    };
    await step(
      "INSERT INTO point_info (system_id, id, origin_id, point_name, display_name, metric_type, metric_unit, " +
        "created, updated_at) VALUES (77, 1, 'a', 'A', 'A', 'power', 'W', 0, 0), (77, 2, 'b', 'B', 'B', 'power', 'W', 0, 0)",
    );
    // No updated_at change: the version moves anyway.
    await step("UPDATE point_info SET transform = 'i' WHERE system_id = 77 AND id = 1");
    await step("DELETE FROM point_info WHERE system_id = 77 AND id = 2");
    // A microsecond clock: a copy read from another database with the same ids does not match by chance.
    expect(seen[0]).toBeGreaterThan(Date.now() * 1000 - 60_000_000);
    await c.execute("DELETE FROM systems WHERE id = 77");
    expect(await version()).toBeUndefined();
  });
});
