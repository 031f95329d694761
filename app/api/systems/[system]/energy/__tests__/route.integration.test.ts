import { constant, put5m, systemWith } from "@/lib/accounts/__tests__/fixtures";
import { call, params } from "@/lib/systems/__tests__/request";
import { dayBounds, localDay } from "@/lib/time/zones";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { GET } from "../route";

let t: TestDb;
let home: number;
const zone = "Australia/Melbourne";
const yesterday = localDay(Date.now() - 86_400_000, zone);
const ctx = (ref: string | number) => params({ system: String(ref) });
const get = (query: string, user = "viewer") => call(GET, `/api/systems/${home}/energy?${query}`, ctx(home), { user });

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "viewer", "stranger"]) await insertTestUser(t.db, u);
  const s = await systemWith(t.db, zone, { solar: "source.solar/power" });
  home = s.id;
  await t.db.$client.execute({
    sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('viewer', ?, 'viewer', 0, 0)",
    args: [home],
  });
  const { startMs, endMs } = dayBounds(yesterday, zone);
  await put5m(t.db, home, s.p.solar, constant(startMs, endMs, 1200));
});
afterAll(() => t.cleanup());

describe("GET /api/systems/[system]/energy", () => {
  it("gives a viewer yesterday's accounts: solar measured by power, the rest unknown with reasons (never 0)", async () => {
    const res = await get(`period=day&from=${yesterday}`);
    expect(res.status).toBe(200);
    const row = res.body.rows[0];
    expect(row).toMatchObject({ key: yesterday, period: "day" });
    expect(row.flows.solar).toMatchObject({ wh: expect.closeTo(1200 * 24, 6), provenance: "integrated" });
    expect(row.flows.load).toEqual({ wh: null, provenance: "unknown", reason: "this system reports no home load" });
    expect(row.selfConsumptionPct).toBeNull();
    expect(row.selfConsumptionReason).toBe("this system reports no grid meter");
    expect(res.body.capabilities.gridImport.source).toBe("none");
  });

  it("defaults to the current period and lists the day's intervals with intervals=1", async () => {
    expect((await get("period=month")).body.rows).toHaveLength(1);
    const res = await get(`period=day&from=${yesterday}&to=${yesterday}&intervals=1`);
    expect(res.body.intervals).toHaveLength(res.body.rows[0].coverage.intervals);
    expect(res.body.intervals[0].flows.solar.wh).toBeCloseTo(100, 6);
  });

  it.each([
    ["a bad period", "period=week"],
    ["a bad date", "period=day&from=2026-13-45"],
    ["intervals for a month", "period=month&intervals=1"],
    ["too many days", "period=day&from=2020-01-01&to=2026-01-01"],
    ["an unknown parameter", "period=day&foo=1"],
  ])("answers 400 for %s", async (_name, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BAD_REQUEST");
  });

  it("answers 404 to a stranger", async () => {
    expect((await get("period=day", "stranger")).status).toBe(404);
  });

  it("serves CSV with empty cells for unknown flows", async () => {
    const res = await GET(
      new Request(`http://localhost/api/systems/${home}/energy?period=day&from=${yesterday}&format=csv`, {
        headers: { cookie: await localSessionCookie("viewer"), host: "localhost" },
      }),
      ctx(home),
    );
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, line] = (await res.text()).trim().split("\r\n");
    expect(header.split(",").slice(0, 6)).toEqual([
      "period",
      "key",
      "start_utc",
      "end_utc",
      "solar_wh",
      "solar_provenance",
    ]);
    const cells = line.split(",");
    expect(cells.slice(0, 2)).toEqual(["day", yesterday]);
    expect(Number(cells[4])).toBeCloseTo(28_800, 6);
    expect(cells.slice(6, 8)).toEqual(["", "unknown"]); // load: unknown, not 0
  });
});
