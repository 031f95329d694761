import { localSessionCookie } from "@/test/helpers/auth";
import { pollSystem } from "@/lib/polling";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser, registerTestVendor } from "@/test/helpers/test-vendor";
import { GET as getHistorical } from "@/app/api/data/historical/route";
import { GET as getLatest } from "@/app/api/data/latest/route";
import { GET as getOne, PATCH } from "../[system]/route";
import { GET as getCandidates } from "../candidates/route";
import { POST } from "../route";

const NOW = new Date(Date.UTC(2025, 5, 1, 2, 0, 0));
const SOLAR = 1;
let t: TestDb;
let source: number;
let composite: number;

async function call(
  handler: (r: Request, ctx: never) => Promise<Response>,
  url: string,
  opts: { user?: string; method?: string; body?: unknown; headers?: Record<string, string>; system?: string } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.user) headers.cookie = await localSessionCookie(opts.user);
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost${url}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const ctx = { params: Promise.resolve({ system: opts.system ?? "" }) } as never;
  const res = await handler(request, ctx);
  return { status: res.status, body: await res.json() };
}

const createBody = () => ({
  displayName: "Home",
  alias: "home_all",
  displayTimezone: "Australia/Melbourne",
  mappings: { solar: [{ systemId: source, pointId: SOLAR }] },
});

beforeAll(async () => {
  t = await createTestDb();
  registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "viewer", "stranger"]) await insertTestUser(t.db, u);
  source = await insertTestSystem(t.db, { owner: "owner" });
  await pollSystem(source, { now: NOW });
  const created = await call(POST, "/api/composites", { user: "owner", method: "POST", body: createBody() });
  expect(created.status).toBe(201);
  composite = created.body.id;
  await t.db.$client.execute({
    sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('viewer', ?, 'viewer', 0, 0)",
    args: [composite],
  });
});
afterAll(() => t.cleanup());

describe("POST /api/composites", () => {
  it.each([
    ["anonymous", 401, undefined, {}, createBody],
    ["cross-origin", 403, "owner", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, createBody],
    ["invalid body", 400, "owner", {}, () => ({ displayName: "" })],
    ["stranger mapping someone else's point", 400, "stranger", {}, () => ({ ...createBody(), alias: "x" })],
    ["duplicate alias", 409, "owner", {}, createBody],
  ])("%s → %i", async (_name, status, user, headers, body) => {
    const res = await call(POST, "/api/composites", { user, method: "POST", body: body(), headers });
    expect(res.status).toBe(status);
    expect(res.body.error.message).toEqual(expect.any(String));
  });

  it("answers the new composite as a SystemSummary", async () => {
    const res = await call(POST, "/api/composites", {
      user: "owner",
      method: "POST",
      body: { ...createBody(), alias: null },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ vendorType: "composite", role: "owner", status: "active", lastSuccessMs: null });
  });
});

describe("GET and PATCH /api/composites/[system]", () => {
  it.each([
    ["owner", 200, "owner"],
    ["viewer", 200, "viewer"],
    ["stranger", 404, "stranger"],
    ["anonymous", 401, undefined],
  ])("GET as %s → %i", async (_name, status, user) => {
    const res = await call(getOne, `/api/composites/${composite}`, { user, system: String(composite) });
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.body.metadata).toEqual({ version: 2, mappings: { solar: [{ systemId: source, pointId: SOLAR }] } });
      expect(res.body.sources).toEqual([expect.objectContaining({ systemId: source, status: "ok" })]);
    }
  });

  it("GET of an ordinary system is 404", async () => {
    const res = await call(getOne, `/api/composites/${source}`, { user: "owner", system: String(source) });
    expect(res.status).toBe(404);
  });

  it.each([
    ["viewer", 403, "viewer"],
    ["stranger", 404, "stranger"],
    ["anonymous", 401, undefined],
    ["owner", 200, "owner"],
  ])("PATCH as %s → %i", async (_name, status, user) => {
    const body = {
      displayName: "Renamed",
      mappings: { solar: [{ systemId: source, pointId: SOLAR }], pool: [{ systemId: source, pointId: 2 }] },
    };
    const res = await call(PATCH, `/api/composites/${composite}`, {
      user,
      method: "PATCH",
      body,
      system: String(composite),
    });
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.body.system.displayName).toBe("Renamed");
      expect(Object.keys(res.body.mappings).sort()).toEqual(["pool", "solar"]);
    }
  });

  it("PATCH refuses a mis-categorised point with a clear 400", async () => {
    const body = { mappings: { grid: [{ systemId: source, pointId: SOLAR }] } };
    const res = await call(PATCH, `/api/composites/${composite}`, {
      user: "owner",
      method: "PATCH",
      body,
      system: String(composite),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/is source.solar\/power, which is not a grid point/);
  });
});

describe("GET /api/composites/candidates", () => {
  it("lists the caller's readable points grouped by system and category, never composites", async () => {
    const res = await call(getCandidates, "/api/composites/candidates", { user: "owner" });
    expect(res.status).toBe(200);
    expect(res.body.systems.map((s: { systemId: number }) => s.systemId)).toEqual([source]);
    const cats = res.body.systems[0].categories;
    expect(cats.solar.map((p: { path: string }) => p.path)).toEqual(["source.solar/power", "source.solar/energy"]);
    expect(cats.battery.map((p: { path: string }) => p.path)).toEqual(["bidi.battery/power", "bidi.battery/soc"]);
    expect(cats.other.map((p: { displayName: string }) => p.displayName)).toEqual(["Status"]);
  });

  it.each([
    ["stranger sees nothing of the owner's", 200, "stranger"],
    ["anonymous", 401, undefined],
  ])("%s → %i", async (_name, status, user) => {
    const res = await call(getCandidates, "/api/composites/candidates", { user });
    expect(res.status).toBe(status);
    if (status === 200) expect(res.body.systems).toEqual([]);
  });
});

describe("the composite through the data API", () => {
  it.each([
    ["owner", 200, "owner"],
    ["viewer", 200, "viewer"],
    ["stranger", 404, "stranger"],
  ])("latest as %s → %i", async (_name, status, user) => {
    const res = await call(getLatest, `/api/data/latest?systemId=${composite}`, { user });
    expect(res.status).toBe(status);
    if (status === 200) {
      const solar = res.body.points.find((p: { path: string }) => p.path === "source.solar/power");
      expect(solar).toMatchObject({ value: expect.any(Number), measurementTimeMs: NOW.getTime() });
      expect(solar.pointId).toBeLessThan(0);
      expect(res.body.composite.sources[0]).toMatchObject({ systemId: source, status: "ok" });
    }
  });

  it("historical answers the composite's series like any system's", async () => {
    const q = `systemIds=${composite},${source}&pointKeys=source.solar/power&start=${NOW.getTime() - 3_600_000}&end=${NOW.getTime() + 300_000}&aggregation=5m`;
    const res = await call(getHistorical, `/api/data/historical?${q}`, { user: "owner" });
    expect(res.status).toBe(200);
    const bySystem = new Map(res.body.series.map((s: { systemId: number; data: unknown }) => [s.systemId, s.data]));
    expect(bySystem.get(composite)).toEqual(bySystem.get(source));
    expect((bySystem.get(composite) as unknown[]).length).toBe(1);
  });
});
