/**
 * No credential the user gave, and no push secret, appears in plaintext anywhere: the database file (and its WAL),
 * anything logged, any API response, or the stored vendor responses — after real polls of every vendor's emulator.
 */
import { existsSync, readFileSync } from "node:fs";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { localSessionCookie } from "@/test/helpers/auth";
import { resetEnv } from "@/lib/env";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { froniusPushBody } from "@/scripts/emulators/fronius-pusher";
import { DEMO_SITES, simulator } from "@/scripts/emulators/sim";
import { seedDemo, DEMO_FRONIUS_SITE } from "@/scripts/demo/seed";

const USER_SECRETS = [
  "demo-password", // select.live and Mondo
  "DEMOSOLAREDGEKEY0123456789ABCDEF",
  "psk_demo_amber_0123456789abcdef",
  "demo-enphase-refresh-token",
  "demo-enphase-secret", // the OAuth client secret (configuration)
  "demo-tesla-refresh-token",
  "demo-tesla-secret",
];

describe("secrets never appear in plaintext", () => {
  let t: TestDb;
  let emu: RunningEmulators;
  const logged: string[] = [];
  const responses: string[] = [];
  let pushSecret = "";

  beforeAll(async () => {
    t = await createTestDb();
    emu = await startEmulators({ port: 0 });
    Object.assign(process.env, {
      SELECTRONIC_BASE_URL: `${emu.url}/select-live`,
      ENPHASE_BASE_URL: `${emu.url}/enphase`,
      AMBER_BASE_URL: `${emu.url}/amber/v1`,
      MONDO_IDENTITY_URL: `${emu.url}/mondo-identity`,
      MONDO_API_URL: `${emu.url}/mondo-api`,
      SOLAREDGE_BASE_URL: `${emu.url}/solaredge`,
      ENPHASE_CLIENT_ID: "demo-enphase-client",
      ENPHASE_CLIENT_SECRET: "demo-enphase-secret",
      ENPHASE_API_KEY: "demo-enphase-api-key",
      TESLA_AUTH_URL: `${emu.url}/tesla`,
      TESLA_TOKEN_URL: `${emu.url}/tesla`,
      TESLA_API_URL: `${emu.url}/tesla`,
      TESLA_CLIENT_ID: "demo-tesla-client",
      TESLA_CLIENT_SECRET: "demo-tesla-secret",
      // What is checked is where secrets end up, not how fast the emulators answer on a loaded machine.
      VENDOR_TIMEOUT_MS: "60000",
    });
    resetEnv();
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      });
    }

    const { byVendor } = await seedDemo(t.db);
    const { pollDueSystems } = await import("@/lib/polling");
    const { rotatePushKey, receivePush } = await import("@/lib/polling/push");
    const { froniusAdapter } = await import("@/lib/vendors/fronius");
    pushSecret = (await rotatePushKey(byVendor.fronius, "fronius"))!.secret;
    const now = new Date(emu.control.now());
    const polled = Object.entries(byVendor)
      .filter(([v]) => v !== "fronius")
      .map(([, id]) => id);
    for (let i = 0; i < 2; i++) {
      const run = await pollDueSystems({ now, systemIds: polled, force: true, quiet: true });
      expect(run.results.filter((r) => r.status === "failed")).toEqual([]);
    }
    const body = froniusPushBody(simulator, DEMO_SITES[DEMO_FRONIUS_SITE], now.getTime(), pushSecret, 1);
    await receivePush(froniusAdapter, froniusAdapter.push.schema.parse(body), { now });

    // Every API that shows systems, credentials' effects or vendor responses, as the owner and as a platform admin.
    const owner = await localSessionCookie("local-owner");
    const admin = await localSessionCookie("local-admin");
    const get = async (
      mod: Promise<{ GET: (r: Request, c: never) => Promise<Response> }>,
      url: string,
      cookie: string,
      params?: object,
    ) => {
      const res = await (
        await mod
      ).GET(new Request(`http://localhost${url}`, { headers: { cookie } }), {
        params: Promise.resolve(params ?? {}),
      } as never);
      responses.push(await res.text());
    };
    await get(import("@/app/api/systems/route"), "/api/systems", owner);
    for (const id of Object.values(byVendor)) {
      await get(import("@/app/api/systems/[system]/route"), `/api/systems/${id}`, owner, { system: String(id) });
    }
    await get(import("@/app/api/admin/systems/route"), "/api/admin/systems", admin);
    await get(import("@/app/api/admin/sessions/route"), "/api/admin/sessions?limit=200", admin);
    const ids = await t.db.$client.execute("SELECT id FROM sessions");
    for (const r of ids.rows) {
      await get(import("@/app/api/admin/sessions/[sessionId]/route"), `/api/admin/sessions/${r.id}`, admin, {
        sessionId: String(r.id),
      });
    }
    // A connection test answers with what was found, never with what was sent.
    const { POST } = await import("@/app/api/test-connection/route");
    const res = await POST(
      new Request("http://localhost/api/test-connection", {
        method: "POST",
        headers: { cookie: owner, "content-type": "application/json" },
        body: JSON.stringify({ vendorType: "solaredge", credentials: { apiKey: "DEMOSOLAREDGEKEY0123456789ABCDEF" } }),
      }),
      undefined as never,
    );
    expect(res.status).toBe(200);
    responses.push(await res.text());
  }, 180_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await emu.close();
    t.cleanup();
  });

  const secrets = () => [...USER_SECRETS, pushSecret];

  it("polled every vendor and stored their sessions", async () => {
    const vendors = await t.db.$client.execute("SELECT DISTINCT vendor_type FROM sessions WHERE successful = 1");
    expect(vendors.rows.map((r) => r.vendor_type).sort()).toEqual(
      ["amber", "enphase", "fronius", "mondo", "selectronic", "solaredge", "tesla"].sort(),
    );
    expect(responses.length).toBeGreaterThan(10);
  });

  it("keeps them out of the database file and its write-ahead log", () => {
    const path = t.url.slice("file:".length);
    const bytes = Buffer.concat([path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p)));
    expect(bytes.includes(Buffer.from("Perth inverter"))).toBe(true); // the search does look at the stored rows
    for (const secret of secrets()) expect(bytes.includes(Buffer.from(secret))).toBe(false);
  });

  it("keeps them out of stored vendor responses", async () => {
    const rows = await t.db.$client.execute("SELECT response FROM sessions WHERE response IS NOT NULL");
    expect(rows.rows.length).toBeGreaterThan(0);
    const all = rows.rows.map((r) => String(r.response)).join("\n");
    for (const secret of secrets()) expect(all).not.toContain(secret);
  });

  it("keeps them out of every API response", () => {
    const all = responses.join("\n");
    expect(all).toContain("Perth inverter");
    for (const secret of secrets()) expect(all).not.toContain(secret);
  });

  it("keeps them out of the logs", () => {
    const all = logged.join("\n");
    for (const secret of secrets()) expect(all).not.toContain(secret);
  });
});
