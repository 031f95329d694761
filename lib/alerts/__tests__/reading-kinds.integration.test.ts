import { forgetCachedRules } from "@/lib/alerts/store";
import { pollSystem } from "@/lib/polling";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, registerTestVendor, TEST_POINTS, type TestVendor } from "@/test/helpers/test-vendor";

// On a 5-minute boundary, so intervals close predictably as the minutes pass.
const NOW = new Date(Date.UTC(2025, 5, 1, 2, 0, 0));
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
let t: TestDb;
let vendor: TestVendor;

const q = async (sql: string, args: unknown[] = []) =>
  (await t.db.$client.execute({ sql, args: args as never })).rows.map((r) => ({ ...r }));
const alertsOf = (id: number) => q("SELECT * FROM alerts WHERE system_id = ? ORDER BY id", [id]);
const siteOf = async (id: number) =>
  String((await q("SELECT vendor_site_id FROM systems WHERE id = ?", [id]))[0].vendor_site_id);
const addRule = (id: number, kind: string, params: object, severity = "warning") =>
  t.db.$client.execute({
    sql:
      "INSERT INTO alert_rules (system_id, kind, name, params, severity, cooldown_ms, created_at, updated_at) " +
      "VALUES (?, ?, ?, ?, ?, 0, 0, 0)",
    args: [id, kind, kind, JSON.stringify(params), severity],
  });

beforeAll(async () => {
  t = await createTestDb();
  vendor = registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(() => t.cleanup());
beforeEach(() => vendor.reset());

const island = {
  originId: "island",
  name: "Island status",
  type: "bidi",
  subtype: "grid",
  extension: "island",
  metricType: "text",
  unit: "",
} as const;

describe("grid outage", () => {
  it("fires after its minutes off the grid, and resolves when the site is back on it", async () => {
    const id = await insertTestSystem(t.db);
    await addRule(id, "grid_outage", { forMinutes: 2 }, "critical");
    let state = "on_grid";
    vendor.behaviour.set(await siteOf(id), {
      readings: (nowMs) => [
        { point: TEST_POINTS.solar, measurementTimeMs: nowMs, value: 0 },
        { point: island, measurementTimeMs: nowMs, value: null, valueStr: state },
      ],
    });
    await pollSystem(id, { now: at(0), force: true });
    state = "off_grid_unintentional";
    await pollSystem(id, { now: at(1), force: true });
    await pollSystem(id, { now: at(2), force: true });
    expect(await alertsOf(id)).toEqual([]);
    await pollSystem(id, { now: at(3), force: true });
    expect(await alertsOf(id)).toMatchObject([{ kind: "grid_outage", state: "active", severity: "critical" }]);
    state = "on_grid";
    await pollSystem(id, { now: at(4), force: true });
    expect(await alertsOf(id)).toMatchObject([{ kind: "grid_outage", state: "resolved" }]);
  });
});

describe("counter reset", () => {
  it("raises one info alert when a counter steps back, without a query of its own per reading", async () => {
    const id = await insertTestSystem(t.db);
    await addRule(id, "counter_reset", {}, "info");
    vendor.behaviour.set(await siteOf(id), {
      readings: (nowMs) => {
        const minute = Math.round((nowMs - NOW.getTime()) / 60_000);
        const value = minute < 6 ? 1_000_000 + minute * 20 : 10 + minute;
        return [{ point: TEST_POINTS.solarEnergy, measurementTimeMs: nowMs, value }];
      },
    });
    for (let m = 0; m <= 9; m++) await pollSystem(id, { now: at(m), force: true });
    expect(await alertsOf(id)).toEqual([]); // the interval with the reset has not closed yet
    for (let m = 10; m <= 16; m++) await pollSystem(id, { now: at(m), force: true });
    const alerts = await alertsOf(id);
    expect(alerts).toMatchObject([{ kind: "counter_reset", state: "active", severity: "info" }]);
    expect(String(alerts[0].message)).toMatch(/Solar energy stepped back from 1000100 to 16/);
  });
});

describe("the per-system rule cache", () => {
  it("a steady poll reads the rules once; a rule written through the store is seen at once", async () => {
    const id = await insertTestSystem(t.db);
    await pollSystem(id, { now: at(0), force: true });
    const execute = jest.spyOn(t.db.$client, "execute");
    const ruleReads = () =>
      execute.mock.calls.filter((c) => JSON.stringify(c[0]).includes("LEFT JOIN alert_settings m")).length;
    for (const m of [1, 2, 3]) await pollSystem(id, { now: at(m), force: true });
    expect(ruleReads()).toBe(0);
    // A rule added behind the store's back (raw SQL) is seen once the cache forgets the system …
    const [soc] = await q("SELECT id FROM point_info WHERE system_id = ? AND origin_id = 'soc'", [id]);
    await addRule(id, "threshold", { pointId: Number(soc.id), op: "above", value: 1 });
    forgetCachedRules(id);
    await pollSystem(id, { now: at(4), force: true });
    expect(ruleReads()).toBe(1);
    expect(await alertsOf(id)).toMatchObject([{ kind: "threshold", state: "active" }]);
    execute.mockRestore();
  });
});
