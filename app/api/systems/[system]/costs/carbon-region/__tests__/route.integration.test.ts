import { seedCostsHome } from "@/lib/costs/__tests__/route-fixture";
import { call, params } from "@/lib/systems/__tests__/request";
import { localDay } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { GET as getCosts } from "../../route";
import { GET, PUT } from "../route";

let t: TestDb;
let home: number;
const zone = "Australia/Melbourne";
const yesterday = localDay(Date.now() - 86_400_000, zone);
const ctx = () => params({ system: String(home) });
const region = (user = "viewer") => call(GET, `/api/systems/${home}/costs/carbon-region`, ctx(), { user });
const put = (body: unknown, user = "owner") =>
  call(PUT, `/api/systems/${home}/costs/carbon-region`, ctx(), { method: "PUT", user, body });
const costs = () =>
  call(getCosts, `/api/systems/${home}/costs?period=day&from=${yesterday}&to=${yesterday}`, ctx(), { user: "viewer" });

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  home = (
    await seedCostsHome(t.db, zone, yesterday, [
      // Yesterday: 300 W import all day = 7,200 Wh.
      { name: "Flat", effectiveFrom: "2020-01-01", import: { kind: "flat", centsPerKwh: 30 } },
    ])
  ).id;
});
afterAll(() => t.cleanup());

describe("/api/systems/[system]/costs/carbon-region", () => {
  it("follows the system's time zone by default (no plan holiday state)", async () => {
    const res = await region();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ region: "VIC", automatic: true, automaticRegion: "VIC" });
    expect(res.body.options).toContainEqual({ region: "TAS", label: "Tasmania", kgPerKwh: 0.15 });
  });

  it("lets the owner choose a region; stored days and the lifetime total follow it without pricing again", async () => {
    const before = await costs();
    expect(before.body.rows[0].carbon.importG).toBeCloseTo(7200 * 0.77, 6);
    expect(before.body.lifetimeCarbon.importG).toBeCloseTo(7200 * 0.77, 6);
    expect((await put({ region: "TAS" })).body).toMatchObject({ region: "TAS", automatic: false });
    const after = await costs();
    expect(after.body.carbonRegion).toMatchObject({ region: "TAS", kgPerKwh: 0.15, automatic: false });
    expect(after.body.rows[0].carbon.importG).toBeCloseTo(7200 * 0.15, 6);
    const lifetime = after.body.lifetimeCarbon;
    expect(lifetime.importG).toBeCloseTo(7200 * 0.15, 6);
    // Days of the month before yesterday have no energy: counted as unknown, not as 0 g.
    expect(lifetime.unknownDays).toBe(lifetime.days - 1);
    expect(lifetime.through).toBe(yesterday);
    expect((await put({ region: null })).body).toMatchObject({ region: "VIC", automatic: true });
  });

  it("a lifetime with no known day is unknown, not 0 g", async () => {
    await t.db.$client.execute({
      sql: "UPDATE costs_daily SET import_g = NULL WHERE system_id = ?",
      args: [home],
    });
    const res = await call(getCosts, `/api/systems/${home}/costs?period=day&from=2020-01-01&to=2020-01-01`, ctx(), {
      user: "viewer",
    });
    expect(res.body.lifetimeCarbon).toMatchObject({ importG: null, avoidedG: null });
    expect(res.body.lifetimeCarbon.unknownDays).toBe(res.body.lifetimeCarbon.days);
  });

  it.each([
    [{ region: "MARS" }, /region must be one of/],
    [{}, /region/],
    [{ region: "VIC", extra: 1 }, /extra|Unrecognized/],
  ])("refuses %j with 400", async (body, message) => {
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(message);
  });

  it("refuses a viewer's change (403)", async () => {
    expect((await put({ region: "SA" }, "viewer")).status).toBe(403);
  });
});
