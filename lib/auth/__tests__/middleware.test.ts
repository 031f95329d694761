import { NextRequest } from "next/server";
// next/server only exports the type; the class lives here.
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { resetEnv } from "@/lib/env";
import {
  clerkSessionCookie,
  clerkTestKeys,
  enableClerkMode,
  enableLocalMode,
  generateClerkTestKeys,
  signedLocalSessionCookie,
} from "@/test/helpers/auth";

// Clerk reads CLERK_SECRET_KEY from the environment when its module loads, as at a real server's start.
let authMiddleware: typeof import("@/lib/auth/middleware").authMiddleware;
beforeAll(async () => {
  enableClerkMode();
  ({ authMiddleware } = await import("@/lib/auth/middleware"));
  enableLocalMode();
});

function request(path: string, init: { cookie?: string; authorization?: string; method?: string } = {}) {
  // Browsers ask for HTML on page loads and JSON from fetch(); Clerk only runs its handshake for the former.
  const headers = new Headers({ accept: path.startsWith("/api/") ? "application/json" : "text/html" });
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.authorization) headers.set("authorization", init.authorization);
  return new NextRequest(new URL(path, "http://localhost:3000"), { headers, method: init.method ?? "GET" });
}

async function run(path: string, init: Parameters<typeof request>[1] = {}) {
  const req = request(path, init);
  const res = await authMiddleware(
    req,
    new NextFetchEvent({ request: req, page: path, context: { waitUntil: () => {} } }),
  );
  return res as Response;
}

/** Passing on: NextResponse.next() (local) or Clerk's pass-through (request-header overrides or a same-URL rewrite). */
const passed = (res: Response) =>
  res.status === 200 &&
  !res.headers.get("location") &&
  (res.headers.get("x-middleware-next") === "1" ||
    res.headers.has("x-middleware-override-headers") ||
    res.headers.has("x-middleware-rewrite"));

const PUBLIC_PATHS = [
  "/",
  "/s/sh_anything",
  "/sign-in",
  "/sign-in/factor-one",
  "/api/auth/local/sign-in",
  "/api/cron/poll",
  "/api/push/fronius",
  "/api/auth/enphase/callback",
  "/api/auth/clerk/webhook",
  "/_next/static/chunks/main.js",
  "/favicon.ico",
  "/logo.svg",
];

describe.each(["local", "clerk"] as const)("middleware in %s mode", (mode) => {
  beforeAll(() => (mode === "clerk" ? enableClerkMode() : enableLocalMode()));
  afterAll(() => enableLocalMode());

  const signedIn = async () =>
    mode === "local"
      ? signedLocalSessionCookie("local-owner")
      : clerkSessionCookie(await clerkTestKeys().signClerkSessionToken({ userId: "user_owner" }));

  test.each(PUBLIC_PATHS)("public %s passes without a session", async (path) => {
    expect(passed(await run(path))).toBe(true);
  });

  test.each(["/dashboard", "/admin/systems?tab=errors"])("page %s redirects to sign-in", async (path) => {
    const res = await run(path);
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("redirect_url")).toBe(path);
  });

  test.each(["/api/systems", "/api/admin/sessions", "/api/auth/enphase/start"])(
    "API %s answers 401 JSON",
    async (path) => {
      const res = await run(path);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "UNAUTHORIZED", message: "Sign in to continue" } });
    },
  );

  test("an API token or share link reaches API handlers (they check it), never pages", async () => {
    const token = `Bearer sm_${"a".repeat(43)}`;
    expect(passed(await run("/api/data/latest?systemId=1", { authorization: token }))).toBe(true);
    expect(passed(await run(`/s/sh_${"b".repeat(43)}`))).toBe(true);
    expect((await run("/dashboard", { authorization: token })).status).toBe(307);
  });

  test("a valid session passes pages and APIs", async () => {
    const cookie = await signedIn();
    expect(passed(await run("/dashboard", { cookie }))).toBe(true);
    expect(passed(await run("/api/systems", { cookie }))).toBe(true);
  });

  test("a session for the other mode, or a forged one, does not pass", async () => {
    const other =
      mode === "local"
        ? clerkSessionCookie(await clerkTestKeys().signClerkSessionToken({ userId: "user_owner" }))
        : await signedLocalSessionCookie("local-owner");
    expect((await run("/api/systems", { cookie: other })).status).toBe(401);
    const forged =
      mode === "local"
        ? await signedLocalSessionCookie("local-admin", { secret: "some-other-secret-0123456789abcdef0123" })
        : clerkSessionCookie(await generateClerkTestKeys().signClerkSessionToken({ userId: "user_owner" }));
    expect((await run("/api/systems", { cookie: forged })).status).toBe(401);
  });
});

describe("middleware in Clerk mode, other token shapes", () => {
  beforeAll(() => enableClerkMode());
  afterAll(() => enableLocalMode());

  test("an expired cookie token is sent to Clerk's handshake to refresh, never passed", async () => {
    const token = await clerkTestKeys().signClerkSessionToken({ userId: "user_owner", expiresInS: -120 });
    const res = await run("/dashboard", { cookie: clerkSessionCookie(token) });
    expect(passed(res)).toBe(false);
    expect(res.status).toBe(307);
    expect(res.headers.get("x-clerk-auth-status")).toBe("handshake");
    expect(new URL(res.headers.get("location")!).host).toBe("clerk.example.com");
  });

  test("an expired bearer token gets 401 JSON", async () => {
    const token = await clerkTestKeys().signClerkSessionToken({ userId: "user_owner", expiresInS: -120 });
    const res = await run("/api/systems", { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHORIZED");
  });

  test("a signed-in request carries Clerk's signed-in state to the app", async () => {
    const token = await clerkTestKeys().signClerkSessionToken({ userId: "user_owner" });
    const res = await run("/dashboard", { cookie: clerkSessionCookie(token) });
    expect(res.headers.get("x-middleware-request-x-clerk-auth-status")).toBe("signed-in");
  });

  test("a bearer session token passes API routes", async () => {
    const token = await clerkTestKeys().signClerkSessionToken({ userId: "user_owner" });
    expect(passed(await run("/api/systems", { authorization: `Bearer ${token}` }))).toBe(true);
  });
});

describe("middleware with invalid configuration", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    resetEnv();
  });

  test("local sign-in under NODE_ENV=production without the opt-in answers 500 with the reason", async () => {
    jest.spyOn(console, "error").mockImplementation(() => {});
    Object.assign(process.env, { NODE_ENV: "production" });
    resetEnv();
    const page = await run("/dashboard");
    expect(page.status).toBe(500);
    expect(await page.text()).toMatch(/Local sign-in is disabled under NODE_ENV=production/);
    const api = await run("/api/systems");
    expect(api.status).toBe(500);
    expect((await api.json()).error.message).toMatch(/LOCAL_AUTH_ALLOW_PRODUCTION=1/);
    // Public routes are refused too: nothing is served from a misconfigured deployment.
    expect((await run("/")).status).toBe(500);
  });
});
