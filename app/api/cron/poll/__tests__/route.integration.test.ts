import { localSessionCookie } from "@/test/helpers/auth";
import { getEnv } from "@/lib/env";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser, registerTestVendor } from "@/test/helpers/test-vendor";
import { GET, POST, dynamic, maxDuration } from "../route";

let t: TestDb;
const sessions = async () => Number((await t.db.$client.execute("SELECT COUNT(*) AS n FROM sessions")).rows[0].n);

async function call(method: "GET" | "POST", query: string, auth: { bearer?: string; user?: string } = {}) {
  const headers: Record<string, string> = {};
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  if (auth.user) headers.cookie = await localSessionCookie(auth.user);
  const handler = method === "GET" ? GET : POST;
  const res = await handler(new Request(`http://localhost/api/cron/poll${query}`, { method, headers }), undefined);
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  t = await createTestDb();
  registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  await insertTestUser(t.db, "admin", { admin: true });
  await insertTestUser(t.db, "someone");
  await insertTestSystem(t.db);
  await insertTestSystem(t.db);
});
afterAll(() => t.cleanup());

describe("/api/cron/poll", () => {
  it("is dynamic with a 60 s limit", () => {
    expect(dynamic).toBe("force-dynamic");
    expect(maxDuration).toBe(60);
  });

  it.each([
    ["no credentials", {}, 401],
    ["a wrong secret", { bearer: "nope" }, 401],
    ["a signed-in non-admin", { user: "someone" }, 403],
  ])("refuses %s and polls nothing", async (_n, auth, status) => {
    expect((await call("GET", "", auth)).status).toBe(status);
    expect(await sessions()).toBe(0);
  });

  it.each([
    ["?shard=2&of=2", /shard must be below of/],
    ["?shard=1", /both shard and of/],
    ["?shard=x&of=2", /shard/],
  ])("400 for %s, nothing written", async (query, message) => {
    const res = await call("GET", query, { bearer: getEnv().CRON_SECRET });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await sessions()).toBe(0);
  });

  it("checks the secret before the query: bad input with a wrong secret is a 401", async () => {
    expect((await call("GET", "?shard=x&of=2", { bearer: "nope" })).status).toBe(401);
    expect((await call("GET", "?shard=1", {})).status).toBe(401);
    expect(await sessions()).toBe(0);
  });

  it("polls with the cron secret (CRON cause) and for an admin (ADMIN cause)", async () => {
    const cron = await call("POST", "?shard=0&of=1", { bearer: getEnv().CRON_SECRET });
    expect(cron.status).toBe(200);
    expect(cron.body).toMatchObject({ considered: 2, due: 2, succeeded: 2, failed: 0 });
    const admin = await call("GET", "", { user: "admin" });
    expect(admin.status).toBe(200);
    expect(admin.body.due).toBe(0); // polled a moment ago
    const causes = (await t.db.$client.execute("SELECT DISTINCT cause FROM sessions")).rows.map((r) => r.cause);
    expect(causes).toEqual(["CRON"]);
  });
});
