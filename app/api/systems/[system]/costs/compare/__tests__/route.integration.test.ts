import { seedCostsHome } from "@/lib/costs/__tests__/route-fixture";
import { constant, put5m, systemWith } from "@/lib/accounts/__tests__/fixtures";
import { call, params } from "@/lib/systems/__tests__/request";
import { dayBounds, localDay } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { GET } from "../route";

let t: TestDb;
let home: number;
const zone = "Australia/Melbourne";
const yesterday = localDay(Date.now() - 86_400_000, zone);
const get = (query: string, user = "viewer") =>
  call(GET, `/api/systems/${home}/costs/compare?${query}`, params({ system: String(home) }), { user });

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  home = (
    await seedCostsHome(t.db, zone, yesterday, [
      // Yesterday only: 300 W import all day = 7.2 kWh.
      {
        name: "Old flat",
        effectiveFrom: "2020-01-01",
        supply: { centsPerDay: 100 },
        import: { kind: "flat", centsPerKwh: 30 },
      },
      {
        name: "New flat",
        effectiveFrom: "2021-01-01",
        supply: { centsPerDay: 50 },
        import: { kind: "flat", centsPerKwh: 20 },
      },
    ])
  ).id;
});
afterAll(() => t.cleanup());

describe("GET /api/systems/[system]/costs/compare", () => {
  it("gives a viewer each saved plan's cost on the system's own intervals, against the current plan", async () => {
    const res = await get("months=2");
    expect(res.status).toBe(200);
    // The span starts at the first day with energy data and ends yesterday.
    expect(res.body).toMatchObject({ months: 2, from: yesterday, to: yesterday, currency: "AUD" });
    const [old, current] = res.body.plans;
    expect(current).toMatchObject({ name: "New flat", current: true, supplyCents: 50, differenceCents: 0 });
    expect(current.importCents).toBeCloseTo(144, 6);
    expect(old).toMatchObject({ name: "Old flat", current: false, supplyCents: 100, incompleteDays: 0, days: 1 });
    expect(old.netCents).toBeCloseTo(316, 6);
    expect(old.differenceCents).toBeCloseTo(316 - 194, 6);
    expect(res.body.method).toMatch(/as if it had been in force/);
  });

  it("defaults to 3 months", async () => {
    const res = await get("");
    expect(res.status).toBe(200);
    expect(res.body.months).toBe(3);
  });

  it.each([
    ["months=0", /months must be a whole number from 1 to 24/],
    ["months=25", /months must be a whole number from 1 to 24/],
    ["months=1.5", /months must be a whole number/],
    ["months=%3Cscript%3E", /months must be a whole number/],
    ["months=3&extra=1", /extra|Unrecognized/],
  ])("refuses %s with 400 and no echo", async (query, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(message);
    expect(JSON.stringify(res.body)).not.toContain("<script>");
  });

  it("answers a stranger 404", async () => {
    await insertTestUser(t.db, "stranger");
    expect((await get("months=1", "stranger")).status).toBe(404);
  });

  it("prices an owner's system against the Amber prices of another of their systems; nobody else sees that row", async () => {
    // Another system of the same owner stores Amber's import price: 25 c/kWh all of yesterday.
    const amber = await systemWith(t.db, zone, { buy: "bidi.grid.import/price" });
    const { startMs, endMs } = dayBounds(yesterday, zone);
    await put5m(t.db, amber.id, amber.p.buy, constant(startMs, endMs, 25));
    try {
      const mine = await get("months=1", "owner");
      expect(mine.status).toBe(200);
      expect(mine.body.priceSeries).toEqual({ systemId: amber.id, own: false, vendorName: expect.any(String) });
      const row = mine.body.plans.find((p: { storedPrices: boolean }) => p.storedPrices);
      // 7.2 kWh imported at 25 c, no supply charge in the Amber row.
      expect(row.importCents).toBeCloseTo(180, 6);
      const viewers = await get("months=1", "viewer");
      expect(viewers.body.priceSeries).toBeNull();
      expect(viewers.body.plans.some((p: { storedPrices: boolean }) => p.storedPrices)).toBe(false);
    } finally {
      await t.db.$client.execute({ sql: "UPDATE systems SET status = 'removed' WHERE id = ?", args: [amber.id] });
    }
  });
});
