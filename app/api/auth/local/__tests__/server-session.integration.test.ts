import { POST as signIn } from "@/app/api/auth/local/sign-in/route";
import { POST as signOut } from "@/app/api/auth/local/sign-out/route";
import { GET as listSystems } from "@/app/api/systems/route";
import { getUserFromRequest } from "@/lib/auth/caller";
import { seedDemoUsers } from "@/lib/auth/demo-users";
import { SESSION_TOUCH_INTERVAL_MS } from "@/lib/auth/local-sessions";
import { deleteExpiredSessions } from "@/lib/auth/store-sessions";
import { hashSecret } from "@/lib/crypto/secrets";
import { verifyLocalSession } from "@/lib/auth/local-session";
import { getEnv } from "@/lib/env";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
  await seedDemoUsers(testDb.db);
});
afterAll(() => testDb.cleanup());

const ORIGIN = "http://localhost:3000";
const post = (path: string, body: unknown, cookie?: string) =>
  new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
const asCookie = (res: Response) => `solar_session=${/solar_session=([^;]*)/.exec(res.headers.get("set-cookie")!)![1]}`;
const systemsStatus = async (cookie: string) =>
  (await listSystems(new Request(`${ORIGIN}/api/systems`, { headers: { cookie } }), undefined)).status;
const sessionRows = async (userId: string) =>
  (await testDb.db.$client.execute({ sql: "SELECT * FROM auth_sessions WHERE user_id = ?", args: [userId] })).rows;

describe("server-side local sessions", () => {
  test("sign-in stores only a hash of the session id, with user, created, last seen and expiry", async () => {
    const before = await sessionRows("local-viewer");
    const cookie = asCookie(await signIn(post("/api/auth/local/sign-in", { userId: "local-viewer" }), undefined));
    const rows = await sessionRows("local-viewer");
    expect(rows).toHaveLength(before.length + 1);
    const token = cookie.split("=")[1];
    const { sessionId } = (await verifyLocalSession(token, getEnv().LOCAL_AUTH_SECRET))!;
    const row = rows.find((r) => r.id_hash === hashSecret(sessionId!))!;
    expect(row).toBeDefined();
    expect(JSON.stringify(rows)).not.toContain(sessionId);
    expect(Number(row.expires_at) - Number(row.created_at)).toBe(7 * 24 * 3600 * 1000);
    expect(Number(row.last_seen_at)).toBe(Number(row.created_at));
  });

  test("sign-out ends the session on the server: a copy of the cookie stops working at once", async () => {
    const cookie = asCookie(await signIn(post("/api/auth/local/sign-in", { userId: "local-owner" }), undefined));
    const copied = cookie;
    const other = await localSessionCookie("local-owner"); // the same person signed in elsewhere
    expect(await systemsStatus(copied)).toBe(200);
    const out = await signOut(post("/api/auth/local/sign-out", {}, cookie), undefined);
    expect(out.status).toBe(200);
    expect(await systemsStatus(copied)).toBe(401);
    expect(await getUserFromRequest(new Request(ORIGIN, { headers: { cookie: copied } }))).toBeNull();
    // Only that session ended.
    expect(await systemsStatus(other)).toBe(200);
    // Signing out again with the dead cookie is harmless.
    expect((await signOut(post("/api/auth/local/sign-out", {}, copied), undefined)).status).toBe(200);
  });

  test("a validly signed token with no session row, or without a session id, is signed out", async () => {
    const { signLocalSession } = await import("@/lib/auth/local-session");
    const secret = getEnv().LOCAL_AUTH_SECRET;
    for (const token of [
      await signLocalSession("local-admin", secret, 3600, "made-up-session-id"),
      await signLocalSession("local-admin", secret, 3600),
    ]) {
      expect(await systemsStatus(`solar_session=${token}`)).toBe(401);
    }
  });

  test("a session expires with its row even while the token would still verify", async () => {
    const cookie = await localSessionCookie("local-viewer");
    expect(await systemsStatus(cookie)).toBe(200);
    await testDb.db.$client.execute({
      sql: "UPDATE auth_sessions SET expires_at = ? WHERE user_id = 'local-viewer'",
      args: [Date.now() - 1],
    });
    expect(await systemsStatus(cookie)).toBe(401);
    expect(await deleteExpiredSessions(Date.now())).toBeGreaterThan(0);
    expect(await sessionRows("local-viewer")).toHaveLength(0);
  });

  test("last seen is written at most once per interval", async () => {
    await testDb.db.$client.execute("DELETE FROM auth_sessions WHERE user_id = 'local-admin'");
    const cookie = await localSessionCookie("local-admin");
    const old = Date.now() - SESSION_TOUCH_INTERVAL_MS - 1000;
    await testDb.db.$client.execute({
      sql: "UPDATE auth_sessions SET last_seen_at = ? WHERE user_id = 'local-admin'",
      args: [old],
    });
    expect(await systemsStatus(cookie)).toBe(200);
    const seen = Number((await sessionRows("local-admin"))[0].last_seen_at);
    expect(seen).toBeGreaterThan(old);
    expect(await systemsStatus(cookie)).toBe(200);
    expect(Number((await sessionRows("local-admin"))[0].last_seen_at)).toBe(seen);
  });

  test("a disabled user cannot sign in (403, no cookie) and is refused as signed out", async () => {
    const cookie = await localSessionCookie("local-viewer");
    await testDb.db.$client.execute("UPDATE users SET disabled_at = 1 WHERE id = 'local-viewer'");
    try {
      expect(await systemsStatus(cookie)).toBe(401);
      const res = await signIn(post("/api/auth/local/sign-in", { userId: "local-viewer" }), undefined);
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toMatch(/disabled/);
      expect(res.headers.get("set-cookie")).toBeNull();
    } finally {
      await testDb.db.$client.execute("UPDATE users SET disabled_at = NULL WHERE id = 'local-viewer'");
    }
    expect(await systemsStatus(cookie)).toBe(200);
  });
});
