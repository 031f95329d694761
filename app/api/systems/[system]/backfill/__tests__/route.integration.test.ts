import { resetRateLimits } from "@/lib/rate-limit";
import { call, params } from "@/lib/systems/__tests__/request";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { DELETE, GET, POST } from "../route";

// The route's own answers (the authorization matrix covers who may call it): start, inspect, refuse, cancel.
let t: TestDb;
let solarEdge: number;
let fronius: number;

const url = (id: number) => `/api/systems/${id}/backfill`;
const get = (id: number) => call(GET, url(id), params({ system: String(id) }), { user: "owner" });
const start = (id: number, body: unknown) =>
  call(POST, url(id), params({ system: String(id) }), { method: "POST", user: "owner", body });
const cancel = (id: number) =>
  call(DELETE, url(id), params({ system: String(id) }), { method: "DELETE", user: "owner" });

beforeAll(async () => {
  t = await createTestDb();
  await insertTestUser(t.db, "owner");
  const credentials = { apiKey: "ABCDEFGHIJKLMNOP0123" };
  solarEdge = await insertTestSystem(t.db, { owner: "owner", vendorType: "solaredge", siteId: "3101", credentials });
  fronius = await insertTestSystem(t.db, { owner: "owner", vendorType: "fronius", siteId: "f-1", credentials: {} });
});
afterAll(() => t.cleanup());
beforeEach(() => resetRateLimits());

it("starts an import, shows its progress and estimate, refuses a second one, and cancels it", async () => {
  expect((await get(solarEdge)).body).toEqual({ available: true, job: null });
  const started = await start(solarEdge, { from: "2024-01-01" });
  expect(started.status).toBe(201);
  expect(started.body.job).toMatchObject({
    status: "running",
    progress: 0,
    callsPerDay: 60,
    callsLeftToday: 60,
    estimatedFinishMs: expect.any(Number),
  });
  expect(started.body.job.callsNeeded).toBeGreaterThan(0);
  expect((await start(solarEdge, { from: "2024-06-01" })).status).toBe(409);
  const cancelled = await cancel(solarEdge);
  expect(cancelled.body.job).toMatchObject({ status: "cancelled", estimatedFinishMs: null });
  expect((await cancel(solarEdge)).status).toBe(200);
});

it.each<[string, () => number, unknown, RegExp]>([
  ["a malformed date", () => solarEdge, { from: "1 January" }, /YYYY-MM-DD/],
  ["a day that is not before today", () => solarEdge, { from: "2999-01-01" }, /before today/],
  ["more than five years back", () => solarEdge, { from: "2001-01-01" }, /at most/],
  ["a vendor without history", () => fronius, { from: "2024-01-01" }, /no history/],
])("refuses %s with a 400 a person can act on", async (_name, id, body, message) => {
  const res = await start(id(), body);
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toMatch(message);
});

it("says a vendor without history has nothing to import", async () => {
  expect((await get(fronius)).body).toEqual({ available: false, job: null });
});
