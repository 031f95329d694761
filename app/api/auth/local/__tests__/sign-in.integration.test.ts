import { POST as signIn } from "@/app/api/auth/local/sign-in/route";
import { POST as signOut } from "@/app/api/auth/local/sign-out/route";
import { seedDemoUsers } from "@/lib/auth/demo-users";
import { getUserFromRequest } from "@/lib/auth/caller";
import { verifyLocalSession } from "@/lib/auth/local-session";
import { getEnv, resetEnv } from "@/lib/env";
import { enableClerkMode, enableLocalMode } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
  await seedDemoUsers(testDb.db);
});
afterAll(() => testDb.cleanup());

const ORIGIN = "http://localhost:3000";

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, host: "localhost:3000", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
const callSignIn = (body: unknown, headers?: Record<string, string>, path = "/api/auth/local/sign-in") =>
  signIn(post(path, body, headers), undefined);

/** The session cookie's value and attributes from a Set-Cookie header. */
function sessionCookie(res: Response) {
  const header = res.headers.get("set-cookie") ?? "";
  const match = /solar_session=([^;]*)/.exec(header);
  return { header, value: match?.[1], attrs: header.toLowerCase() };
}

describe("POST /api/auth/local/sign-in", () => {
  test("sets a verifiable, httpOnly, SameSite=Lax cookie for 7 days and returns where to go", async () => {
    const res = await callSignIn({ userId: "local-owner" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      user: { id: "local-owner", displayName: "Olivia Owner" },
      redirectTo: "/dashboard",
    });
    const cookie = sessionCookie(res);
    expect(await verifyLocalSession(cookie.value, getEnv().LOCAL_AUTH_SECRET)).toEqual({
      userId: "local-owner",
      sessionId: expect.any(String),
    });
    expect(cookie.attrs).toContain("httponly");
    expect(cookie.attrs).toContain("samesite=lax");
    expect(cookie.attrs).toContain("path=/");
    expect(cookie.attrs).toContain("max-age=604800");
    expect(cookie.attrs).not.toContain("secure");
    // The cookie is what route handlers then recognise.
    const next = new Request(`${ORIGIN}/api/systems`, { headers: { cookie: `solar_session=${cookie.value}` } });
    expect(await getUserFromRequest(next)).toEqual({
      kind: "user",
      userId: "local-owner",
      isPlatformAdmin: false,
      via: "local",
    });
  });

  test("the platform admin signs in as an admin", async () => {
    const cookie = sessionCookie(await callSignIn({ userId: "local-admin" }));
    const next = new Request(`${ORIGIN}/api/admin`, { headers: { cookie: `solar_session=${cookie.value}` } });
    expect((await getUserFromRequest(next))?.isPlatformAdmin).toBe(true);
  });

  test.each([
    ["/systems/home?range=7d", "/systems/home?range=7d"],
    ["https://evil.example/phish", "/dashboard"],
    ["//evil.example", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["javascript:alert(1)", "/dashboard"],
  ])("redirect_url %p becomes %p", async (redirect, expected) => {
    const res = await callSignIn({ userId: "local-viewer", redirect_url: redirect });
    expect((await res.json()).redirectTo).toBe(expected);
  });

  test("redirect_url is also read from the query string", async () => {
    const res = await callSignIn({ userId: "local-viewer" }, {}, "/api/auth/local/sign-in?redirect_url=%2Fsettings");
    expect((await res.json()).redirectTo).toBe("/settings");
    const evil = await callSignIn(
      { userId: "local-viewer" },
      {},
      "/api/auth/local/sign-in?redirect_url=https://evil.example",
    );
    expect((await evil.json()).redirectTo).toBe("/dashboard");
  });

  test("an unknown user is a clear 404 and sets no cookie", async () => {
    const res = await callSignIn({ userId: "nobody" });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toEqual({
      code: "NOT_FOUND",
      message: 'No local user "nobody": pick one of the users listed on the sign-in page',
    });
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  test.each([
    ["no userId", {}],
    ["empty userId", { userId: "  " }],
    ["a number", { userId: 7 }],
    ["malformed JSON", "{not json"],
  ])("400 for %s", async (_label, body) => {
    const res = await callSignIn(body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("BAD_REQUEST");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  test.each([
    ["another Origin", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site cross-site", { origin: ORIGIN, "sec-fetch-site": "cross-site" }],
    ["Origin null", { origin: "null" }],
  ])("refuses a cross-origin POST (%s) with 403", async (_label, headers) => {
    const res = await callSignIn({ userId: "local-admin" }, headers);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  test("the cookie is Secure under NODE_ENV=production (with the explicit local opt-in)", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      NODE_ENV: "production",
      LOCAL_AUTH_ALLOW_PRODUCTION: "1",
      LOCAL_AUTH_SECRET: "a-production-demo-secret-of-40-characters!",
    });
    resetEnv();
    try {
      const res = await callSignIn({ userId: "local-owner" });
      expect(res.status).toBe(200);
      expect(sessionCookie(res).attrs).toContain("secure");
    } finally {
      for (const k of ["LOCAL_AUTH_ALLOW_PRODUCTION", "LOCAL_AUTH_SECRET"]) delete process.env[k];
      Object.assign(process.env, saved);
      resetEnv();
    }
  });
});

describe("POST /api/auth/local/sign-out", () => {
  test("clears the session cookie", async () => {
    const res = await signOut(post("/api/auth/local/sign-out", {}), undefined);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, redirectTo: "/sign-in" });
    const cookie = sessionCookie(res);
    expect(cookie.value).toBe("");
    expect(cookie.attrs).toContain("max-age=0");
    expect(cookie.attrs).toContain("path=/");
  });

  test("refuses a cross-origin POST", async () => {
    const res = await signOut(post("/api/auth/local/sign-out", {}, { origin: "https://evil.example" }), undefined);
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});

describe("in Clerk mode", () => {
  beforeAll(() => enableClerkMode());
  afterAll(() => enableLocalMode());

  test("both local routes answer 404", async () => {
    const inRes = await callSignIn({ userId: "local-admin" });
    expect(inRes.status).toBe(404);
    expect(inRes.headers.get("set-cookie")).toBeNull();
    expect((await signOut(post("/api/auth/local/sign-out", {}), undefined)).status).toBe(404);
  });
});
