import { constant, put5m, systemWith } from "@/lib/accounts/__tests__/fixtures";
import { call, params } from "@/lib/systems/__tests__/request";
import { dayBounds, localDay } from "@/lib/time/zones";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { GET } from "../route";

let t: TestDb;
let home: number;
let plain: number;
const zone = "Australia/Melbourne";
const yesterday = localDay(Date.now() - 86_400_000, zone);
const H = 3_600_000;
const get = (system: number, query: string, user = "viewer") =>
  call(GET, `/api/systems/${system}/charging-sessions?${query}`, params({ system: String(system) }), { user });

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "viewer", "stranger"]) await insertTestUser(t.db, u);
  const s = await systemWith(t.db, zone, {
    solar: "source.solar/power",
    grid: "bidi.grid/power",
    ev: "load.ev/power",
  });
  home = s.id;
  plain = (await systemWith(t.db, zone, { solar: "source.solar/power" })).id;
  for (const id of [home, plain]) {
    await t.db.$client.execute({
      sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('viewer', ?, 'viewer', 0, 0)",
      args: [id],
    });
  }
  const { startMs, endMs } = dayBounds(yesterday, zone);
  // No battery: solar 3 kW all day, the car 7 kW from 10:00 to 12:00 (home load derived from the balance).
  await put5m(t.db, home, s.p.solar, constant(startMs, endMs, 3000));
  await put5m(t.db, home, s.p.ev, [
    ...constant(startMs, startMs + 10 * H, 0),
    ...constant(startMs + 10 * H, startMs + 12 * H, 7000),
    ...constant(startMs + 12 * H, endMs, 0),
  ]);
  await put5m(t.db, home, s.p.grid, [
    ...constant(startMs, startMs + 10 * H, -3000),
    ...constant(startMs + 10 * H, startMs + 12 * H, 4000),
    ...constant(startMs + 12 * H, endMs, -3000),
  ]);
});
afterAll(() => t.cleanup());

describe("GET /api/systems/[system]/charging-sessions", () => {
  it("gives a viewer yesterday's session with its solar share; no plan, so the cost is null with a note", async () => {
    const res = await get(home, `from=${yesterday}&to=${yesterday}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hasEv: true, chargers: [{ key: "load.ev" }] });
    expect(res.body.sessions).toHaveLength(1);
    const s = res.body.sessions[0];
    expect(s).toMatchObject({ location: "home", energyWh: expect.closeTo(14000, 6), costCents: null });
    expect(s.solarSharePct).toBeCloseTo((3 / 7) * 100, 6);
    expect(s.detail.costNote).toBe("no tariff plan covers this session");
    expect(s.emissionsG).toBeCloseTo(8000 * 0.63, 6);
  });

  it("answers CSV with a header and one line per session", async () => {
    const res = await GET(
      new Request(
        `http://localhost/api/systems/${home}/charging-sessions?from=${yesterday}&to=${yesterday}&format=csv`,
        {
          headers: { host: "localhost", cookie: await localSessionCookie("viewer") },
        },
      ),
      params({ system: String(home) }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^day,start_utc/);
  });

  it("a system without an EV load point: hasEv false, no sessions", async () => {
    const res = await get(plain, `from=${yesterday}&to=${yesterday}`);
    expect(res.body).toMatchObject({ hasEv: false, sessions: [], months: [], status: null });
  });

  it.each([
    ["a bad date", "from=2026-13-45"],
    ["an unreal date", "from=2026-02-30"],
    ["from after to", "from=2026-02-02&to=2026-02-01"],
    ["too many days", "from=2020-01-01&to=2026-01-01"],
    ["a bad format", "format=xml"],
    ["a bad location", "location=moon"],
    ["an unknown parameter", "foo=1"],
  ])("answers 400 for %s", async (_name, query) => {
    const res = await get(home, query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BAD_REQUEST");
  });

  it("a stranger gets 404", async () => {
    expect((await get(home, "", "stranger")).status).toBe(404);
  });
});
