import { GET as latest } from "@/app/api/data/latest/route";
import { resetRateLimits } from "@/lib/rate-limit";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser, registerTestVendor } from "@/test/helpers/test-vendor";
import { POST } from "../route";

const ORIGIN = "http://localhost:3000";
const vendor = registerTestVendor();
let t: TestDb;
let home: number;
let second: number;

beforeAll(async () => {
  t = await createTestDb();
  for (const id of ["owner", "viewer", "helper", "stranger"]) await insertTestUser(t.db, id);
  await insertTestUser(t.db, "admin", { admin: true });
  home = await insertTestSystem(t.db, { owner: "owner", siteId: "home-site" });
  second = await insertTestSystem(t.db, { owner: "owner", siteId: "second-site" });
  const now = Date.now();
  await t.db.$client.execute({
    sql:
      "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES " +
      "('viewer', ?, 'viewer', ?, ?), ('helper', ?, 'admin', ?, ?)",
    args: [home, now, now, home, now, now],
  });
});
afterAll(() => t.cleanup());
beforeEach(() => {
  resetRateLimits();
  vendor.reset();
});

async function refresh(system: number | string, user?: string, headers: Record<string, string> = {}) {
  const res = await POST(
    new Request(`${ORIGIN}/api/systems/${system}/refresh`, {
      method: "POST",
      headers: { origin: ORIGIN, ...(user ? { cookie: await localSessionCookie(user) } : {}), ...headers },
    }),
    { params: Promise.resolve({ system: String(system) }) },
  );
  return { status: res.status, headers: res.headers, body: await res.json() };
}
const userSessions = async (systemId: number) =>
  (
    await t.db.$client.execute({
      sql: "SELECT cause, successful FROM sessions WHERE system_id = ? ORDER BY id",
      args: [systemId],
    })
  ).rows.map((r) => ({ ...r }));

describe("POST /api/systems/{system}/refresh", () => {
  test("polls at once through the polling path with session cause USER; the latest values then show it", async () => {
    const res = await refresh(home, "owner");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ systemId: home, status: "succeeded", sessionId: expect.any(Number) });
    expect(vendor.calls.map((c) => c.systemId)).toEqual([home]);
    expect(await userSessions(home)).toEqual([{ cause: "USER", successful: 1 }]);
    const live = await latest(
      new Request(`${ORIGIN}/api/data/latest?systemId=${home}`, {
        headers: { cookie: await localSessionCookie("owner") },
      }),
      undefined,
    );
    expect((await live.json()).lastUpdateMs).toEqual(expect.any(Number));
  });

  test("once a minute per system, whoever asks: 429 with Retry-After and a message, no vendor call", async () => {
    expect((await refresh(home, "owner")).status).toBe(200);
    const again = await refresh(home, "helper");
    expect(again.status).toBe(429);
    const retryAfter = Number(again.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(again.body.error).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/try again in \d+ s/),
    });
    expect(vendor.calls).toHaveLength(1);
    // Another system has its own limit.
    expect((await refresh(second, "owner")).status).toBe(200);
  });

  test("owners, the system's admins and platform admins may refresh; viewers 403; strangers 404; anonymous 401", async () => {
    for (const who of ["owner", "helper", "admin"]) {
      resetRateLimits();
      expect({ who, status: (await refresh(home, who)).status }).toEqual({ who, status: 200 });
    }
    resetRateLimits();
    const viewer = await refresh(home, "viewer");
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.message).toMatch(/owner or an admin/);
    expect((await refresh(home, "stranger")).status).toBe(404);
    expect((await refresh(987654, "stranger")).status).toBe(404);
    expect((await refresh(home)).status).toBe(401);
    expect((await refresh(home, "owner", { origin: "https://evil.example" })).status).toBe(403);
    expect(vendor.calls).toHaveLength(3);
  });

  test("a vendor error is a failed USER session in the answer, not a 5xx", async () => {
    vendor.behaviour.set("second-site", { error: new Error("vendor is down") });
    const res = await refresh(second, "owner");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "failed", error: expect.stringContaining("vendor is down") });
    expect((await userSessions(second)).at(-1)).toEqual({ cause: "USER", successful: 0 });
  });

  test("a system an admin paused answers 409 and is not polled", async () => {
    await t.db.$client.execute({ sql: "UPDATE systems SET status = 'disabled' WHERE id = ?", args: [second] });
    try {
      const res = await refresh(second, "owner");
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/paused/);
      expect(vendor.calls).toHaveLength(0);
    } finally {
      await t.db.$client.execute({ sql: "UPDATE systems SET status = 'active' WHERE id = ?", args: [second] });
    }
  });

  test("a composite refreshes each source the caller may change, each under its own limit", async () => {
    const composite = await insertTestSystem(t.db, { owner: "owner", vendorType: "composite", credentials: null });
    const metadata = {
      version: 2,
      mappings: { solar: [{ systemId: home, pointId: 1 }], load: [{ systemId: second, pointId: 1 }] },
    };
    await t.db.$client.execute({
      sql: "UPDATE systems SET metadata = ? WHERE id = ?",
      args: [JSON.stringify(metadata), composite],
    });
    expect((await refresh(second, "owner")).status).toBe(200); // `second` was just refreshed on its own
    const res = await refresh(composite, "owner");
    expect(res.status).toBe(200);
    expect(res.body.sources).toEqual([
      expect.objectContaining({ systemId: home, status: "succeeded" }),
      expect.objectContaining({ systemId: second, status: "rate-limited", retryAfterMs: expect.any(Number) }),
    ]);
    expect((await refresh(composite, "owner")).status).toBe(429);
  });
});
