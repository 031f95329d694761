import { resetRateLimits } from "@/lib/rate-limit";
import { call, params } from "@/lib/systems/__tests__/request";
import { rotatePushKey } from "@/lib/polling/push";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { POST as push } from "@/app/api/push/[vendor]/route";
import { POST } from "../route";

let t: TestDb;
let id: number;
let other: number;

const rotate = (system: string | number, user?: string, crossSite = false) =>
  call(POST, `/api/systems/${system}/push-key`, params({ system: String(system) }), {
    method: "POST",
    user,
    crossSite,
  });
const test = (apiKey: string) =>
  call(push, "/api/push/fronius", params({ vendor: "fronius" }), { method: "POST", body: { apiKey, action: "test" } });

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "viewer", "stranger"]) await insertTestUser(t.db, u);
  id = await insertTestSystem(t.db, { owner: "owner", vendorType: "fronius", siteId: "fronius-1", credentials: {} });
  other = await insertTestSystem(t.db, { owner: "owner", vendorType: "selectronic", siteId: "1001" });
  await t.db.$client.execute({
    sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('viewer', ?, 'viewer', 0, 0)",
    args: [id],
  });
});
afterAll(() => t.cleanup());
beforeEach(() => resetRateLimits());

describe("POST /api/systems/[system]/push-key", () => {
  it.each<[string, string | undefined, boolean, number]>([
    ["anonymous", undefined, false, 401],
    ["cross-site", "owner", true, 403],
    ["a viewer", "viewer", false, 403],
    ["a stranger", "stranger", false, 404],
  ])("refuses %s without changing the key", async (_name, user, crossSite, status) => {
    const before = (await rotatePushKey(id, "fronius"))!.secret;
    const res = await rotate(id, user, crossSite);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).not.toMatch(/secret/);
    expect((await test(before)).status).toBe(200);
  });

  it("issues a new secret once to the owner; the old one stops working at once", async () => {
    const old = (await rotatePushKey(id, "fronius"))!.secret;
    const res = await rotate(id, "owner");
    expect(res.status).toBe(200);
    expect(res.body.push).toEqual({ url: "http://localhost:3000/api/push/fronius", secret: expect.any(String) });
    expect(res.body.push.secret.length).toBeGreaterThanOrEqual(40);
    expect((await test(old)).status).toBe(401);
    expect((await test(res.body.push.secret)).body).toMatchObject({ systemId: id });
    const [row] = (await t.db.$client.execute({ sql: "SELECT metadata FROM systems WHERE id = ?", args: [id] })).rows;
    expect(String(row.metadata)).not.toContain(res.body.push.secret);
  });

  it("has no push key for a polled vendor", async () => {
    const res = await rotate(other, "owner");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("push");
  });
});
