import { catchUpDaily } from "@/lib/aggregation";
import { getLatest } from "@/lib/kv";
import { pollSystem } from "@/lib/polling";
import { createSelectronicAdapter } from "@/lib/vendors/selectronic/adapter";
import type { VendorAdapter } from "@/lib/vendors/types";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";

// The real Selectronic adapter against the select.live emulator: a back-fill the way the demo script does it.
const START = Date.parse("2025-12-14T13:00:00Z"); // 00:00 AEDT on the 15th
const MIN = 60_000;
let t: TestDb;
let emu: RunningEmulators;
let adapter: VendorAdapter;

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0 });
  adapter = createSelectronicAdapter({ baseUrl: emu.urls.selectronic, timeoutMs: 3_000 }) as unknown as VendorAdapter;
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  await emu.close();
  t.cleanup();
});

it("back-fills three hours of minute polls: every point stored, counters differentiated, latest served", async () => {
  const id = await insertTestSystem(t.db, {
    vendorType: "selectronic",
    siteId: "1001",
    credentials: { email: "demo@example.com", password: "demo-password" },
  });
  const resolveAdapter = () => adapter;
  const statuses: string[] = [];
  for (let ms = START + MIN; ms <= START + 180 * MIN; ms += MIN) {
    emu.control.setClock(ms);
    const r = await pollSystem(id, { now: new Date(ms), cause: "ADMIN", force: true, resolveAdapter });
    statuses.push(r.status === "failed" ? `${r.errorCode}` : r.status);
  }
  expect(statuses.filter((s) => s !== "succeeded")).toEqual([]);

  const q = async (sql: string) => (await t.db.$client.execute({ sql, args: [id] })).rows.map((r) => ({ ...r }));
  const points = await q(
    "SELECT id, type, subtype, extension, metric_type, transform FROM point_info WHERE system_id = ?",
  );
  expect(points.length).toBeGreaterThanOrEqual(12);
  const counters = points.filter((p) => p.transform === "d");
  expect(counters).toHaveLength(6);
  const deltas = await q(
    "SELECT point_id, MIN(delta) AS lo, SUM(delta) AS total, COUNT(*) AS n FROM point_readings_agg_5m " +
      `WHERE system_id = ? AND point_id IN (${counters.map((c) => c.id).join(",")}) GROUP BY point_id`,
  );
  for (const d of deltas) {
    expect(d.n).toBe(36);
    expect(Number(d.lo)).toBeGreaterThanOrEqual(0);
  }
  const sessions = await q("SELECT COUNT(*) AS n, SUM(successful) AS ok FROM sessions WHERE system_id = ?");
  expect(sessions).toEqual([{ n: 180, ok: 180 }]);

  const latest = await getLatest(id);
  expect(latest.lastUpdateMs).toBeGreaterThan(START + 170 * MIN);
  expect(latest.points.find((p) => p.path === "bidi.battery/soc")?.value).toEqual(expect.any(Number));

  const daily = await catchUpDaily({ now: new Date(START + 2 * 86_400_000), systemId: id });
  expect(daily.days).toBe(1);
});
