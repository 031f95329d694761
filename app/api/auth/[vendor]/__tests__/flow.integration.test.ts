import { readFileSync } from "node:fs";
import { resetEnv } from "@/lib/env";
import { createState } from "@/lib/oauth";
import { ENPHASE_DEMO_APP } from "@/scripts/emulators/enphase/accounts";
import { createEnphaseEmulator, type EnphaseEmulator } from "@/scripts/emulators/enphase/emulator";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { GET as callback } from "../callback/route";
import { GET as connect } from "../connect/route";
import { GET as listSystems, POST as addSystems } from "../systems/route";

// The whole "Connect Enphase" flow through the route handlers, with the emulator as Enphase (real time).
let t: TestDb;
let emu: RunningEmulators;
const APP = "http://localhost:3000";

async function req(
  handler: (r: Request, ctx: { params: Promise<{ vendor: string }> }) => Promise<Response>,
  path: string,
  o: { user?: string; cookie?: string; body?: unknown } = {},
) {
  const cookies = [o.user ? await localSessionCookie(o.user) : null, o.cookie ?? null].filter(Boolean).join("; ");
  const headers: Record<string, string> = { host: "localhost:3000", ...(cookies ? { cookie: cookies } : {}) };
  if (o.body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = {
    method: o.body === undefined ? "GET" : "POST",
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  };
  return handler(new Request(`${APP}${path}`, init), { params: Promise.resolve({ vendor: "enphase" }) });
}
const location = (res: Response) => res.headers.get("location") ?? "";
const nonceOf = (res: Response) => /enphase_oauth_nonce=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];

/** connect → Enphase authorize → the callback URL Enphase sends the browser to. */
async function startFlow(user: string) {
  const res = await req(connect, "/api/auth/enphase/connect", { user });
  expect(res.status).toBe(302);
  const nonce = nonceOf(res)!;
  expect(res.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax/);
  const back = await fetch(location(res), { redirect: "manual" });
  const cb = new URL(location(back));
  return { nonce, path: `${cb.pathname}${cb.search}`, state: cb.searchParams.get("state")! };
}

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0, emulators: [createEnphaseEmulator()] });
  Object.assign(process.env, {
    APP_URL: APP,
    ENPHASE_BASE_URL: emu.urls.enphase,
    ENPHASE_CLIENT_ID: ENPHASE_DEMO_APP.clientId,
    ENPHASE_CLIENT_SECRET: ENPHASE_DEMO_APP.clientSecret,
    ENPHASE_API_KEY: ENPHASE_DEMO_APP.apiKey,
  });
  resetEnv();
  for (const u of ["alice", "bob"]) await insertTestUser(t.db, u);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  await emu.close();
  for (const k of ["ENPHASE_BASE_URL", "ENPHASE_CLIENT_ID", "ENPHASE_CLIENT_SECRET", "ENPHASE_API_KEY"])
    delete process.env[k];
  resetEnv();
  t.cleanup();
});

describe("Connect Enphase", () => {
  it("connects, lists the account's systems, adds two of them with the token pair encrypted", async () => {
    const flow = await startFlow("alice");
    expect(flow.path).toMatch(/^\/api\/auth\/enphase\/callback\?code=/);
    const cb = await req(callback, flow.path, { user: "alice", cookie: `enphase_oauth_nonce=${flow.nonce}` });
    expect(cb.status).toBe(303);
    const dest = new URL(location(cb));
    expect(dest.pathname).toBe("/setup");
    expect(dest.searchParams.get("vendor")).toBe("enphase");
    const pending = dest.searchParams.get("pending")!;
    expect(cb.headers.get("set-cookie")).toMatch(/enphase_oauth_nonce=; .*Max-Age=0/);

    const list = await req(listSystems, `/api/auth/enphase/systems?pending=${pending}`, { user: "alice" });
    const body = await list.json();
    expect(
      body.systems.map((s: { vendorSiteId: string; alreadyAdded: boolean }) => [s.vendorSiteId, s.alreadyAdded]),
    ).toEqual([
      ["2875301", false],
      ["2875302", false],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/enph\./); // no token in the answer
    expect((await req(listSystems, `/api/auth/enphase/systems?pending=${pending}`, { user: "bob" })).status).toBe(404);
    const bad = await req(addSystems, "/api/auth/enphase/systems", {
      user: "alice",
      body: { pending, systemIds: ["42"] },
    });
    expect(bad.status).toBe(400);

    const added = await req(addSystems, "/api/auth/enphase/systems", {
      user: "alice",
      body: { pending, systemIds: ["2875301", "2875302"] },
    });
    expect(added.status).toBe(201);
    const out = await added.json();
    expect(out.errors).toEqual([]);
    expect(out.systems.map((s: { displayName: string }) => s.displayName)).toEqual(["Sydney Rooftop", "Brisbane Shed"]);
    const rows = await t.db.$client.execute(
      "SELECT s.vendor_site_id, s.display_timezone, s.location, c.credentials FROM systems s JOIN vendor_credentials c ON c.system_id = s.id ORDER BY s.id",
    );
    expect(rows.rows.map((r) => [r.vendor_site_id, r.display_timezone])).toEqual([
      ["2875301", "Australia/Sydney"],
      ["2875302", "Australia/Brisbane"],
    ]);
    expect(JSON.parse(String(rows.rows[0].location))).toMatchObject({ lat: -33.87, lng: 151.21 });
    expect(String(rows.rows[0].credentials)).toMatch(/^v1\./);
    expect(readFileSync(t.url.replace(/^file:/, "")).includes(Buffer.from("enph."))).toBe(false);
    // The pending grant is gone once used.
    expect((await req(listSystems, `/api/auth/enphase/systems?pending=${pending}`, { user: "alice" })).status).toBe(
      404,
    );
  });

  it.each([
    ["another signed-in user", "bob", true, 400, /different user/],
    ["no nonce cookie (another browser)", "alice", false, 400, /another browser/],
    ["no session", null, true, 401, /Sign in/],
  ])("refuses the callback for %s", async (_label, user, withNonce, status, message) => {
    const flow = await startFlow("alice");
    const res = await req(callback, flow.path, {
      user: user ?? undefined,
      cookie: withNonce ? `enphase_oauth_nonce=${flow.nonce}` : undefined,
    });
    expect(res.status).toBe(status);
    expect((await res.json()).error.message).toMatch(message);
  });

  it("refuses a forged or expired state with 400, before any call to Enphase", async () => {
    const flow = await startFlow("alice");
    const before = emu.control.stats().enphase.logins;
    const forged = flow.path.replace(/state=([^&]+)/, (_m, s: string) => `state=${s.slice(0, -4)}AAAA`);
    const r1 = await req(callback, forged, { user: "alice", cookie: `enphase_oauth_nonce=${flow.nonce}` });
    expect(r1.status).toBe(400);
    expect((await r1.json()).error.message).toMatch(/not valid/);
    const old = createState("enphase", "alice", new Date(Date.now() - 11 * 60_000));
    const r2 = await req(callback, `/api/auth/enphase/callback?code=x&state=${encodeURIComponent(old.state)}`, {
      user: "alice",
      cookie: `enphase_oauth_nonce=${old.nonce}`,
    });
    expect(r2.status).toBe(400);
    expect((await r2.json()).error.message).toMatch(/expired/);
    expect((await req(callback, "/api/auth/enphase/callback?code=x", { user: "alice" })).status).toBe(400);
    expect(emu.control.stats().enphase.logins).toBe(before);
  });

  it("sends a refusal at Enphase back to Setup with a clear message", async () => {
    (emu.control.emulator("enphase") as EnphaseEmulator).setDeny(true);
    const flow = await startFlow("alice");
    (emu.control.emulator("enphase") as EnphaseEmulator).setDeny(false);
    expect(flow.path).toMatch(/error=access_denied/);
    const res = await req(callback, flow.path, { user: "alice", cookie: `enphase_oauth_nonce=${flow.nonce}` });
    expect(res.status).toBe(303);
    const dest = new URL(location(res));
    expect(dest.searchParams.get("error")).toBe("access_denied");
    expect(dest.searchParams.get("message")).toMatch(/not granted/);
  });

  it("asks anonymous callers to sign in before connecting", async () => {
    expect((await req(connect, "/api/auth/enphase/connect")).status).toBe(401);
  });
});
