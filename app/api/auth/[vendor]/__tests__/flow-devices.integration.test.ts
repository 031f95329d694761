import { readFileSync } from "node:fs";
import { resetEnv } from "@/lib/env";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { simulator } from "@/scripts/emulators/sim";
import { TESLA_DEMO_APP, TESLA_DEMO_SITE } from "@/scripts/emulators/tesla/accounts";
import { createTeslaEmulator } from "@/scripts/emulators/tesla/emulator";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { GET as callback } from "../callback/route";
import { GET as connect } from "../connect/route";
import { GET as listSystems, POST as addSystems } from "../systems/route";

// Connecting a vendor whose sites come with devices to attach (an energy site and the cars charging there).
let t: TestDb;
let emu: RunningEmulators;
const APP = "http://localhost:3000";
const V = "tesla";
const SITE = "1689000000000001";
const CAR = "3744000000000001";

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
  return handler(new Request(`${APP}${path}`, init), { params: Promise.resolve({ vendor: V }) });
}
const location = (res: Response) => res.headers.get("location") ?? "";

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0, emulators: [createTeslaEmulator()] });
  simulator.stateAt(TESLA_DEMO_SITE, Date.now() + 3_600_000); // step from the demo epoch before timed requests
  Object.assign(process.env, {
    APP_URL: APP,
    TESLA_AUTH_URL: emu.urls[V],
    TESLA_TOKEN_URL: emu.urls[V],
    TESLA_API_URL: emu.urls[V],
    TESLA_CLIENT_ID: TESLA_DEMO_APP.clientId,
    TESLA_CLIENT_SECRET: TESLA_DEMO_APP.clientSecret,
  });
  resetEnv();
  await insertTestUser(t.db, "alice");
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  await emu.close();
  for (const k of ["TESLA_AUTH_URL", "TESLA_TOKEN_URL", "TESLA_API_URL", "TESLA_CLIENT_ID", "TESLA_CLIENT_SECRET"])
    delete process.env[k];
  resetEnv();
  await t.cleanup();
});

it("connects, lists the site with its car, and adds it with the chosen car in its metadata", async () => {
  const res = await req(connect, `/api/auth/${V}/connect`, { user: "alice" });
  expect(res.status).toBe(302);
  const nonce = new RegExp(`${V}_oauth_nonce=([^;]+)`).exec(res.headers.get("set-cookie") ?? "")?.[1];
  const authorize = new URL(location(res));
  expect(authorize.searchParams.get("scope")).toBe(
    "openid offline_access energy_device_data vehicle_device_data vehicle_location",
  );
  const back = await fetch(authorize, { redirect: "manual" });
  const cbUrl = new URL(location(back));
  const cb = await req(callback, `${cbUrl.pathname}${cbUrl.search}`, {
    user: "alice",
    cookie: `${V}_oauth_nonce=${nonce}`,
  });
  expect(cb.status).toBe(303);
  const pending = new URL(location(cb)).searchParams.get("pending")!;

  const list = await (await req(listSystems, `/api/auth/${V}/systems?pending=${pending}`, { user: "alice" })).json();
  expect(list.systems).toEqual([
    expect.objectContaining({
      vendorSiteId: SITE,
      alreadyAdded: false,
      devices: [{ id: CAR, name: "Sparky", kind: "vehicle" }],
      info: expect.objectContaining({ timezone: "Australia/Brisbane" }),
    }),
    expect.objectContaining({
      vendorSiteId: "1689000000000002",
      info: expect.objectContaining({ model: "Solar" }),
    }),
  ]);
  expect(JSON.stringify(list)).not.toMatch(/tsla\./); // no token in the answer

  const bad = await req(addSystems, `/api/auth/${V}/systems`, {
    user: "alice",
    body: { pending, systemIds: [SITE], devices: { [SITE]: ["not-a-car"] } },
  });
  expect(bad.status).toBe(400);

  const added = await req(addSystems, `/api/auth/${V}/systems`, {
    user: "alice",
    body: { pending, systemIds: [SITE], devices: { [SITE]: [CAR] } },
  });
  expect(added.status).toBe(201);
  const rows = await t.db.$client.execute(
    "SELECT s.vendor_site_id, s.display_timezone, s.metadata, c.credentials FROM systems s JOIN vendor_credentials c ON c.system_id = s.id",
  );
  expect(rows.rows.map((r) => [r.vendor_site_id, r.display_timezone, JSON.parse(String(r.metadata))])).toEqual([
    [SITE, "Australia/Brisbane", { deviceIds: [CAR] }],
  ]);
  expect(String(rows.rows[0].credentials)).not.toMatch(/tsla\./);
  expect(readFileSync(t.file).includes(Buffer.from("tsla."))).toBe(false);
});
