import { call, params } from "@/lib/systems/__tests__/request";
import { presetPlan } from "@/lib/tariffs/presets";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { GET as getOne, DELETE, PUT } from "../[planId]/route";
import { GET, POST } from "../route";

let t: TestDb;
let systemId: number;
let otherSystemId: number;
const base = () => `/api/systems/${systemId}/tariffs`;
const list = (user?: string) => call(GET, base(), params({ system: String(systemId) }), { user });
const create = (body: unknown, user = "owner", crossSite = false) =>
  call(POST, base(), params({ system: String(systemId) }), { method: "POST", user, body, crossSite });
const one = (id: number | string, system = systemId) => params({ system: String(system), planId: String(id) });
const put = (id: number | string, body: unknown, user = "owner") =>
  call(PUT, `${base()}/${id}`, one(id), { method: "PUT", user, body });
const remove = (id: number | string, user = "owner") =>
  call(DELETE, `${base()}/${id}`, one(id), { method: "DELETE", user });
const planCount = async () => Number((await t.db.$client.execute("SELECT count(*) AS n FROM tariff_plans")).rows[0].n);

const OVERLAPPING = {
  name: "Broken TOU",
  effectiveFrom: "2025-07-01",
  import: {
    kind: "tou",
    periods: [
      { name: "Peak", centsPerKwh: 45, windows: [{ days: ["weekday"], from: "16:00", to: "21:00" }] },
      { name: "Shoulder", centsPerKwh: 28, windows: [{ days: ["weekday"], from: "07:00", to: "17:00" }] },
      { name: "Off-peak", centsPerKwh: 18, windows: [{ days: ["weekday", "weekend"], from: "21:00", to: "07:00" }] },
    ],
  },
};

beforeAll(async () => {
  t = await createTestDb();
  for (const u of ["owner", "sysadmin", "viewer", "stranger"]) await insertTestUser(t.db, u);
  systemId = await insertTestSystem(t.db, { owner: "owner" });
  otherSystemId = await insertTestSystem(t.db, { owner: "stranger" });
  for (const [u, role] of [
    ["sysadmin", "admin"],
    ["viewer", "viewer"],
  ]) {
    await t.db.$client.execute({
      sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
      args: [u, systemId, role],
    });
  }
});
afterAll(() => t.cleanup());

describe("tariff plan CRUD", () => {
  let tou: number;

  it.each([
    ["the owner", "owner", 201],
    ["a system admin", "sysadmin", 201],
    ["a viewer", "viewer", 403],
    ["a stranger", "stranger", 404],
  ])("POST as %s (%s) → %i", async (_n, user, status) => {
    const effectiveFrom = user === "owner" ? "2025-01-01" : "2025-07-01";
    const res = await create(presetPlan(user === "owner" ? "flat" : "tou", effectiveFrom), user);
    expect(res.status).toBe(status);
    if (status === 201) {
      if (user === "sysadmin") tou = res.body.plan.id;
      expect(res.body.plan).toMatchObject({ systemId, version: 1, effectiveFrom, currency: "AUD" });
      // A TOU plan without a holiday region prices public holidays as ordinary days: allowed, with a warning.
      expect(res.body.plan.warnings).toEqual(
        user === "owner" ? [] : ["No public holiday region is set, so public holidays are priced as ordinary days"],
      );
    }
  });

  it("lists plans oldest first for any reader, with presets", async () => {
    const res = await list("viewer");
    expect(res.status).toBe(200);
    expect(res.body.plans.map((p: { name: string }) => p.name)).toEqual(["Single rate", "Time of use"]);
    expect(res.body.canWrite).toBe(false);
    expect(res.body.presets.map((p: { id: string }) => p.id)).toContain("tou");
    expect((await list()).status).toBe(401);
    expect((await list("stranger")).status).toBe(404);
  });

  it("refuses a plan with overlapping windows, naming them, and writes nothing", async () => {
    const before = await planCount();
    const res = await create(OVERLAPPING);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("Peak and Shoulder overlap on weekdays 16:00–17:00");
    expect(res.body.error.details.issues.map((i: { message: string }) => i.message)).toEqual([
      "Peak and Shoulder overlap on weekdays 16:00–17:00",
      "weekends 07:00–21:00 has no rate",
    ]);
    expect(await planCount()).toBe(before);
  });

  it.each([
    [
      "a schema issue",
      { name: "", effectiveFrom: "2025-13-01" },
      400,
      /Invalid body: name: Name the plan; effectiveFrom: Not a calendar date/,
    ],
    ["an unknown field", { ...presetPlan("flat", "2026-01-01"), extra: 1 }, 400, /Unrecognized key/],
    ["a second plan on the same day", presetPlan("flat", "2025-01-01"), 409, /already starts on 2025-01-01/],
  ])("refuses %s", async (_n, body, status, message) => {
    const before = await planCount();
    const res = await create(body);
    expect([res.status, res.body.error.message]).toEqual([status, expect.stringMatching(message)]);
    expect(await planCount()).toBe(before);
  });

  it.each([
    ["malformed JSON", { "content-type": "application/json" }, "{", 400],
    ["not JSON", { "content-type": "text/plain" }, "hello", 415],
    ["too large", { "content-type": "application/json" }, JSON.stringify({ name: "x".repeat(70_000) }), 413],
  ])("answers %s (%j, %s) with %i", async (_n, headers, body, status) => {
    const request = new Request(`http://localhost${base()}`, {
      method: "POST",
      headers: { ...headers, host: "localhost", cookie: await localSessionCookie("owner") },
      body,
    });
    const res = await POST(request, params({ system: String(systemId) }));
    expect(res.status).toBe(status);
    const json = await res.json();
    expect(JSON.stringify(json).length).toBeLessThan(300); // nothing echoed back at length
  });

  it("refuses a cross-site POST", async () => {
    expect((await create(presetPlan("flat", "2027-01-01"), "owner", true)).status).toBe(403);
  });

  it("updates a plan, bumping its version, and refuses a stale version", async () => {
    const edited = { ...presetPlan("tou", "2025-07-01"), name: "TOU 2025", version: 1 };
    const res = await put(tou, edited, "sysadmin");
    expect(res.status).toBe(200);
    expect(res.body.plan).toMatchObject({ id: tou, name: "TOU 2025", version: 2 });
    const stale = await put(tou, { ...edited, name: "Lost update" });
    expect([stale.status, stale.body.error.message]).toEqual([409, expect.stringContaining("now version 2")]);
    const got = await call(getOne, `${base()}/${tou}`, one(tou), { user: "viewer" });
    expect([got.status, got.body.plan.name]).toEqual([200, "TOU 2025"]);
  });

  it.each([
    ["a viewer", () => put(tou, presetPlan("tou", "2025-07-01"), "viewer"), 403],
    ["a plan that does not exist", () => put(99999, presetPlan("tou", "2025-07-01")), 404],
    ["a bad plan id", () => put("abc", presetPlan("tou", "2025-07-01")), 400],
    ["a move onto another plan's day", () => put(tou, presetPlan("tou", "2025-01-01")), 409],
    ["overlapping windows", () => put(tou, OVERLAPPING), 400],
  ])("PUT refuses %s", async (_n, run, status) => {
    expect((await run()).status).toBe(status);
  });

  it("gives a composite its own plans", async () => {
    const composite = await insertTestSystem(t.db, { owner: "owner", vendorType: "composite", credentials: null });
    const res = await call(POST, `/api/systems/${composite}/tariffs`, params({ system: String(composite) }), {
      method: "POST",
      user: "owner",
      body: presetPlan("flat", "2025-01-01"),
    });
    expect([res.status, res.body.plan?.systemId]).toEqual([201, composite]);
  });

  it("does not reach a plan through another system", async () => {
    const res = await call(getOne, `/api/systems/${otherSystemId}/tariffs/${tou}`, one(tou, otherSystemId), {
      user: "stranger",
    });
    expect(res.status).toBe(404);
  });

  it("deletes a plan (viewers may not), then 404", async () => {
    expect((await remove(tou, "viewer")).status).toBe(403);
    expect((await remove(tou, "sysadmin")).status).toBe(200);
    expect((await remove(tou)).status).toBe(404);
    expect((await list("owner")).body.plans).toHaveLength(1);
  });
});
