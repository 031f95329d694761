import { evaluateAlerts } from "@/lib/alerts";
import { pastBucketEnds } from "@/lib/alerts/production";
import { pollSystem } from "@/lib/polling";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, registerTestVendor, TEST_POINTS, type TestVendor } from "@/test/helpers/test-vendor";

// Noon in Melbourne (UTC+10 in June): the sun is up.
const NOW = new Date(Date.UTC(2025, 5, 1, 2, 0, 0));
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
let t: TestDb;
let vendor: TestVendor;

const q = async (sql: string, args: unknown[] = []) =>
  (await t.db.$client.execute({ sql, args: args as never })).rows.map((r) => ({ ...r }));
const alertsOf = (id: number, kind: string) =>
  q("SELECT * FROM alerts WHERE system_id = ? AND kind = ? ORDER BY id", [id, kind]);
const siteOf = async (id: number) =>
  String((await q("SELECT vendor_site_id FROM systems WHERE id = ?", [id]))[0].vendor_site_id);
const run = (minutes: number) => evaluateAlerts({ now: at(minutes), deliver: false });

beforeAll(async () => {
  t = await createTestDb();
  vendor = registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(() => t.cleanup());
beforeEach(async () => {
  vendor.reset();
  await t.db.$client.execute("UPDATE systems SET status = 'disabled'");
});

/** A Melbourne system with no rating (judged on its history alone) producing `w` now, `usual` on recent days. */
async function systemWithHistory(w: number, usual: number | null) {
  const id = await insertTestSystem(t.db);
  await t.db.$client.execute({
    sql: "UPDATE systems SET location = ?, solar_size = NULL WHERE id = ?",
    args: [JSON.stringify({ lat: -37.8, lng: 144.9 }), id],
  });
  await t.db.$client.execute({
    sql: "UPDATE alert_rules SET params = ? WHERE system_id = ? AND kind = 'production_drop'",
    args: [JSON.stringify({ belowPercent: 10, forMinutes: 0, recentDays: 7, belowRecentPercent: 50 }), id],
  });
  vendor.behaviour.set(await siteOf(id), {
    readings: (nowMs) => [{ point: TEST_POINTS.solar, measurementTimeMs: nowMs, value: w }],
  });
  for (let m = -40; m <= 0; m += 5) await pollSystem(id, { now: at(m), force: true });
  if (usual !== null) {
    const [solar] = await q("SELECT id FROM point_info WHERE system_id = ? AND origin_id = 'solar'", [id]);
    for (const end of pastBucketEnds(NOW.getTime(), 7)) {
      await t.db.$client.execute({
        sql:
          "INSERT INTO point_readings_agg_30m (system_id, point_id, interval_end, avg, sample_count, interval_count, " +
          "updated_at) VALUES (?, ?, ?, ?, 6, 6, 0)",
        args: [id, Number(solar.id), end, usual],
      });
    }
  }
  return id;
}

describe("production drop against recent days", () => {
  it.each([
    { name: "a third of the usual at this time of day fires", w: 1000, usual: 3000, fires: true },
    { name: "the usual does not", w: 2900, usual: 3000, fires: false },
    { name: "no history (and no rating) is not judged", w: 0, usual: null, fires: false },
  ])("$name", async ({ w, usual, fires }) => {
    const id = await systemWithHistory(w, usual);
    await run(0);
    const alerts = await alertsOf(id, "production_drop");
    expect(alerts.length).toBe(fires ? 1 : 0);
    if (fires) expect(String(alerts[0].message)).toMatch(/3000 W usual at this time \(median of 7 recent days\)/);
  });
});

describe("cost over budget", () => {
  it("a system whose cost is unknown (no tariff) never fires, even with a budget of 0", async () => {
    const id = await insertTestSystem(t.db);
    await t.db.$client.execute({
      sql:
        "INSERT INTO alert_rules (system_id, kind, name, params, severity, cooldown_ms, created_at, updated_at) " +
        "VALUES (?, 'cost_over_budget', 'Budget', '{\"period\":\"day\",\"budgetCents\":0}', 'warning', 0, 0, 0)",
      args: [id],
    });
    for (let m = -10; m <= 0; m += 5) await pollSystem(id, { now: at(m), force: true });
    const summary = await run(0);
    expect(summary.status).toBe("done");
    expect(await alertsOf(id, "cost_over_budget")).toEqual([]);
  });
});
