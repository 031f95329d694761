import { GET as listSystems } from "@/app/api/systems/route";
import { getUserFromRequest } from "@/lib/auth/caller";
import {
  clerkSessionCookie,
  clerkTestKeys,
  enableClerkMode,
  enableLocalMode,
  localSessionCookie,
} from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { PATCH } from "../[userId]/route";
import { GET as listUsers } from "../route";

let t: TestDb;
const ORIGIN = "http://localhost:3000";

beforeAll(async () => {
  t = await createTestDb();
  await insertTestUser(t.db, "boss", { admin: true });
  await insertTestUser(t.db, "deputy", { admin: true });
  await insertTestUser(t.db, "pat");
});
afterAll(() => t.cleanup());

async function patch(target: string, body: unknown, opts: { as?: string; cookie?: string; origin?: string } = {}) {
  const cookie = opts.cookie ?? (await localSessionCookie(opts.as ?? "boss"));
  const res = await PATCH(
    new Request(`${ORIGIN}/api/admin/users/${encodeURIComponent(target)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", origin: opts.origin ?? ORIGIN, cookie },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ userId: target }) },
  );
  return { status: res.status, body: await res.json() };
}
const audit = async () =>
  (
    await t.db.$client.execute(
      "SELECT actor_user_id, action, target_user_id, created_at FROM admin_audit_log ORDER BY id",
    )
  ).rows.map((r) => ({ ...r }));
const systemsStatus = async (cookie: string) =>
  (await listSystems(new Request(`${ORIGIN}/api/systems`, { headers: { cookie } }), undefined)).status;

describe("PATCH /api/admin/users/{userId}", () => {
  test("make and revoke a platform admin: the change takes effect at once and each is one audit row", async () => {
    const patCookie = await localSessionCookie("pat");
    const before = Date.now();
    const made = await patch("pat", { isPlatformAdmin: true });
    expect(made).toEqual({
      status: 200,
      body: { user: { id: "pat", isPlatformAdmin: true, disabled: false, disabledAt: null }, changed: ["grant-admin"] },
    });
    expect((await getUserFromRequest(new Request(ORIGIN, { headers: { cookie: patCookie } })))?.isPlatformAdmin).toBe(
      true,
    );
    // Asking for what already is so changes nothing and records nothing.
    expect((await patch("pat", { isPlatformAdmin: true })).body.changed).toEqual([]);
    expect((await patch("pat", { isPlatformAdmin: false }, { as: "deputy" })).body.changed).toEqual(["revoke-admin"]);
    expect((await getUserFromRequest(new Request(ORIGIN, { headers: { cookie: patCookie } })))?.isPlatformAdmin).toBe(
      false,
    );
    const rows = await audit();
    expect(
      rows.map((r) => ({ actor_user_id: r.actor_user_id, action: r.action, target_user_id: r.target_user_id })),
    ).toEqual([
      { actor_user_id: "boss", action: "grant-admin", target_user_id: "pat" },
      { actor_user_id: "deputy", action: "revoke-admin", target_user_id: "pat" },
    ]);
    for (const r of rows) expect(Number(r.created_at)).toBeGreaterThanOrEqual(before);
  });

  test("disabling a user ends their sessions and refuses every request as signed out; enabling lets them in again", async () => {
    const phone = await localSessionCookie("pat");
    const laptop = await localSessionCookie("pat");
    expect(await systemsStatus(phone)).toBe(200);
    const res = await patch("pat", { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: "pat", disabled: true, disabledAt: expect.any(Number) });
    expect(await systemsStatus(phone)).toBe(401);
    expect(await systemsStatus(laptop)).toBe(401);
    const left = await t.db.$client.execute("SELECT count(*) AS n FROM auth_sessions WHERE user_id = 'pat'");
    expect(Number(left.rows[0].n)).toBe(0);
    expect((await patch("pat", { disabled: false })).body.changed).toEqual(["enable"]);
    expect(await systemsStatus(phone)).toBe(401); // ended sessions stay ended
    expect(await systemsStatus(await localSessionCookie("pat"))).toBe(200);
    expect((await audit()).slice(-2).map((r) => r.action)).toEqual(["disable", "enable"]);
  });

  test("in Clerk mode a disabled user's valid Clerk token is refused as signed out", async () => {
    enableClerkMode();
    try {
      const token = await clerkTestKeys().signClerkSessionToken({ userId: "pat" });
      const req = () => new Request(ORIGIN, { headers: { cookie: clerkSessionCookie(token) } });
      expect(await getUserFromRequest(req())).not.toBeNull();
      await t.db.$client.execute("UPDATE users SET disabled_at = 1 WHERE id = 'pat'");
      expect(await getUserFromRequest(req())).toBeNull();
    } finally {
      await t.db.$client.execute("UPDATE users SET disabled_at = NULL WHERE id = 'pat'");
      enableLocalMode();
    }
  });

  test.each([
    ["revoke their own admin role", { isPlatformAdmin: false }, /own platform admin role/],
    ["disable themselves", { disabled: true }, /disable your own account/],
  ])("an admin cannot %s: 409, nothing written", async (_label, body, message) => {
    const rows = (await audit()).length;
    const res = await patch("boss", body);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(message);
    expect(await audit()).toHaveLength(rows);
    const boss = await t.db.$client.execute("SELECT is_platform_admin, disabled_at FROM users WHERE id = 'boss'");
    expect({ ...boss.rows[0] }).toEqual({ is_platform_admin: 1, disabled_at: null });
  });

  test.each<[string, unknown, number]>([
    ["an unknown user", { target: "nobody", body: { disabled: true } }, 404],
    ["an empty body", { body: {} }, 400],
    ["an unknown field", { body: { disabled: true, role: "owner" } }, 400],
    ["a string for a boolean", { body: { disabled: "yes" } }, 400],
    ["malformed JSON", { body: "{nope" }, 400],
    ["a signed-in non-admin", { body: { disabled: true }, as: "pat" }, 403],
    ["no session", { body: { disabled: true }, cookie: "" }, 401],
    ["a cross-site request", { body: { disabled: true }, origin: "https://evil.example" }, 403],
  ])("%s is refused, nothing written", async (_label, spec, status) => {
    const s = spec as { target?: string; body: unknown; as?: string; cookie?: string; origin?: string };
    const rows = (await audit()).length;
    const res = await patch(s.target ?? "deputy", s.body, s);
    expect(res.status).toBe(status);
    expect(await audit()).toHaveLength(rows);
  });

  test("the directory shows each user's state and live sessions", async () => {
    const res = await listUsers(
      new Request(`${ORIGIN}/api/admin/users`, { headers: { cookie: await localSessionCookie("boss") } }),
      undefined,
    );
    const users = (await res.json()).users as Array<{ id: string; disabledAt: number | null; sessions: number }>;
    expect(users.find((u) => u.id === "pat")).toMatchObject({ disabledAt: null, sessions: expect.any(Number) });
    expect(users.find((u) => u.id === "boss")!.sessions).toBeGreaterThan(0);
  });
});
