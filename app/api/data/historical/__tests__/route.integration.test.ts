import { localSessionCookie } from "@/test/helpers/auth";
import { catchUpDaily } from "@/lib/aggregation";
import { pollSystem } from "@/lib/polling";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser, registerTestVendor } from "@/test/helpers/test-vendor";
import { GET } from "../route";

const MIN = 60_000;
const NOW = Date.now();
const START = Math.floor((NOW - 3 * 3_600_000) / (5 * MIN)) * 5 * MIN; // three hours of minute polls
let t: TestDb;
let a: number;
let b: number;

async function get(query: string, userId?: string) {
  const headers: Record<string, string> = {};
  if (userId) headers.cookie = await localSessionCookie(userId);
  const res = await GET(new Request(`http://localhost/api/data/historical?${query}`, { headers }), undefined);
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  t = await createTestDb();
  registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "viewer", "stranger"]) await insertTestUser(t.db, u);
  a = await insertTestSystem(t.db, { owner: "owner", zone: "UTC" });
  b = await insertTestSystem(t.db, { owner: "owner", zone: "Australia/Adelaide" });
  await t.db.$client.execute({
    sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('viewer', ?, 'viewer', 0, 0)",
    args: [a],
  });
  for (let ms = START + MIN; ms <= START + 180 * MIN; ms += MIN) {
    await pollSystem(a, { now: new Date(ms), force: true });
    await pollSystem(b, { now: new Date(ms), force: true });
  }
  await catchUpDaily({ now: new Date(NOW + 2 * 86_400_000) });
});
afterAll(() => t.cleanup());

describe("GET /api/data/historical", () => {
  it("6H picks raw; power is the value (inverted where the point says), counters are steps", async () => {
    const res = await get(`systemIds=${a}&pointKeys=source.solar*,bidi.battery/power&range=6H`, "owner");
    expect(res.status).toBe(200);
    expect(res.body.aggregation).toBe("raw");
    const byPath = Object.fromEntries(res.body.series.map((s: { path: string }) => [s.path, s]));
    expect(Object.keys(byPath).sort()).toEqual(["bidi.battery/power", "source.solar/energy", "source.solar/power"]);
    expect(byPath["source.solar/power"]).toMatchObject({ field: "value", unit: "W" });
    expect(byPath["source.solar/power"].data).toHaveLength(180);
    expect(byPath["bidi.battery/power"].data[0][1]).toBe(-500);
    expect(byPath["source.solar/energy"]).toMatchObject({ field: "delta" });
    expect(byPath["source.solar/energy"].data[1][1]).toBe(20);
  });

  it("24H picks 5-minute rows across two systems; energy deltas add up", async () => {
    const res = await get(`systemIds=${a},${b}&pointKeys=source.solar/energy,1&range=24H`, "owner");
    expect(res.status).toBe(200);
    expect(res.body.aggregation).toBe("5m");
    expect(res.body.series.map((s: { systemId: number; pointId: number }) => [s.systemId, s.pointId])).toEqual([
      [a, 1],
      [a, 4],
      [b, 1],
      [b, 4],
    ]);
    const energy = res.body.series[1];
    expect(energy.data).toHaveLength(36);
    const total = energy.data.reduce((sum: number, [, v]: [number, number]) => sum + v, 0);
    expect(total).toBe(179 * 20); // 180 readings, the first has no predecessor
    expect(energy.data.every(([time]: [number, number]) => time % (5 * MIN) === 0)).toBe(true);
  });

  it("7D picks 30-minute buckets; energy deltas add up to the same total", async () => {
    const res = await get(`systemIds=${a}&pointKeys=source.solar/energy&range=7D`, "owner");
    expect(res.status).toBe(200);
    expect(res.body.aggregation).toBe("30m");
    const data: Array<[number, number]> = res.body.series[0].data;
    expect(data.every(([time]) => time % (30 * MIN) === 0)).toBe(true);
    expect(data.length).toBeGreaterThanOrEqual(6);
    expect(data.length).toBeLessThanOrEqual(7);
    // range=7D ends now: the half hour in progress is not in the window yet.
    const total = data.reduce((sum, [, v]) => sum + v, 0);
    const lastEnd = data[data.length - 1][0];
    const five = await get(
      `systemIds=${a}&pointKeys=source.solar/energy&start=${START}&end=${lastEnd}&aggregation=5m`,
      "owner",
    );
    expect(five.body.aggregation).toBe("5m");
    expect(total).toBe(five.body.series[0].data.reduce((sum: number, [, v]: [number, number]) => sum + v, 0));
  });

  it("30D picks daily with the local day start as time, including today so far", async () => {
    const res = await get(`systemIds=${b}&pointKeys=source.solar/energy&range=30D`, "owner");
    expect(res.status).toBe(200);
    expect(res.body.aggregation).toBe("daily");
    const total = res.body.series[0].data.reduce((sum: number, [, v]: [number, number]) => sum + v, 0);
    expect(total).toBe(179 * 20);
  });

  it.each([
    ["viewer of a", "viewer", () => `systemIds=${a}&pointKeys=*&range=1H`, 200],
    ["viewer asking for a system not shared", "viewer", () => `systemIds=${a},${b}&pointKeys=*&range=1H`, 404],
    ["stranger", "stranger", () => `systemIds=${a}&pointKeys=*&range=1H`, 404],
    ["anonymous", undefined, () => `systemIds=${a}&pointKeys=*&range=1H`, 401],
  ])("%s → %i", async (_n, user, query, status) => {
    expect((await get(query(), user)).status).toBe(status);
  });

  it.each([
    ["no range or start", () => `systemIds=${a}&pointKeys=*`, /range/],
    ["range and start together", () => `systemIds=${a}&pointKeys=*&range=1H&start=0`, /either range or start/],
    ["unknown range", () => `systemIds=${a}&pointKeys=*&range=2W`, /range must be one of/],
    ["end before start", () => `systemIds=${a}&pointKeys=*&start=2000&end=1000`, /end must be after start/],
    ["bad time", () => `systemIds=${a}&pointKeys=*&start=yesterday`, /ISO date-time/],
    [
      "raw over 48 h",
      () => `systemIds=${a}&pointKeys=*&range=7D&aggregation=raw`,
      /Use aggregation=5m, aggregation=30m or aggregation=daily/,
    ],
    [
      "5m over 35 days",
      () => `systemIds=${a}&pointKeys=*&start=0&end=${90 * 86_400_000}&aggregation=5m`,
      /Use aggregation=daily/,
    ],
    [
      "30m over 35 days",
      () => `systemIds=${a}&pointKeys=*&start=0&end=${90 * 86_400_000}&aggregation=30m`,
      /aggregation=30m covers at most 35\.0 days.*Use aggregation=daily/,
    ],
    ["unknown aggregation", () => `systemIds=${a}&pointKeys=*&range=7D&aggregation=1h`, /raw, 5m, 30m or daily/],
    ["missing pointKeys", () => `systemIds=${a}&range=1H`, /pointKeys is required/],
  ])("400 for %s, with a message that says what to do", async (_n, query, message) => {
    const res = await get(query(), "owner");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});
