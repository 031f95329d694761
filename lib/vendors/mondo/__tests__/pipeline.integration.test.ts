import { pollSystem } from "@/lib/polling";
import type { VendorAdapter } from "@/lib/vendors/types";
import { MONDO_DEMO_GROUPS } from "@/scripts/emulators/mondo/accounts";
import { createMondoEmulators } from "@/scripts/emulators/mondo/emulator";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { createMondoAdapter } from "../adapter";

// The real Mondo adapter through pollSystem: one sign-in for an hour of polls, counters differentiated,
// and a user's reclassification of a circuit survives later polls.
const START = Date.parse("2025-12-15T00:00:00Z");
const MIN = 60_000;
let t: TestDb;
let emu: RunningEmulators;
let adapter: VendorAdapter;

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0, emulators: createMondoEmulators() });
  adapter = createMondoAdapter({
    identityUrl: emu.urls["mondo-identity"],
    apiUrl: emu.urls.mondo,
    timeoutMs: 3_000,
  }) as unknown as VendorAdapter;
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  await emu.close();
  t.cleanup();
});

it("polls every 2 minutes on a cached token, stores 29 points and keeps the user's classification", async () => {
  const credentials = { email: "demo@example.com", password: "demo-password" };
  const id = await insertTestSystem(t.db, { vendorType: "mondo", siteId: MONDO_DEMO_GROUPS["1001"], credentials });
  const q = async (sql: string) => (await t.db.$client.execute({ sql, args: [id] })).rows.map((r) => ({ ...r }));
  const poll = async (ms: number) => {
    emu.control.setClock(ms);
    return pollSystem(id, { now: new Date(ms), cause: "ADMIN", force: true, resolveAdapter: () => adapter });
  };

  expect((await poll(START)).status).toBe("succeeded");
  // The owner says the air conditioner circuit is their HVAC.
  await t.db.$client.execute({
    sql: "UPDATE point_info SET subtype = 'hvac', extension = NULL, display_name = 'HVAC' WHERE system_id = ? AND subtype = 'air_conditioner'",
    args: [id],
  });
  for (let ms = START + 2 * MIN; ms <= START + 60 * MIN; ms += 2 * MIN)
    expect((await poll(ms)).status).toBe("succeeded");

  const points = await q(
    "SELECT type, subtype, extension, metric_type, transform, display_name FROM point_info WHERE system_id = ?",
  );
  // 7 circuits (the EV charger's too) × (power, lifetime counter, Mondo's today, Mondo's yesterday) + the SoC.
  expect(points).toHaveLength(29);
  expect(points.filter((p) => p.transform === "d")).toHaveLength(14); // lifetime counters and today's
  expect(points.filter((p) => p.type === null)).toHaveLength(14); // today and yesterday: reconciliation only
  // Typed by capability, as every other vendor's grid and battery: the cards and accounts find them.
  const paths = points
    .filter((p) => p.type)
    .map((p) => `${p.type}.${p.subtype}${p.extension ? `.${p.extension}` : ""}/${p.metric_type}`);
  // The "EV Charger" circuit is typed as the EV charger load (charging sessions and the EV card find it).
  for (const path of [
    "bidi.grid/power",
    "bidi.grid.import/energy",
    "bidi.battery/power",
    "bidi.battery/soc",
    "load.ev/power",
    "load.ev/energy",
  ])
    expect(paths).toContain(path);
  expect(points.filter((p) => p.subtype === "hvac").map((p) => p.display_name)).toEqual(["HVAC", "HVAC"]);
  expect(points.some((p) => p.subtype === "air_conditioner")).toBe(false);

  // One sign-in per token lifetime: the first, and a renewal when the hour is up at the 60-minute poll.
  expect(emu.control.stats()["mondo-identity"].logins).toBe(2);
  const sessions = await q("SELECT COUNT(*) AS n, SUM(successful) AS ok FROM sessions WHERE system_id = ?");
  expect(sessions).toEqual([{ n: 31, ok: 31 }]);
  const stored = await q("SELECT state FROM vendor_credentials WHERE system_id = ?");
  expect(String(stored[0].state)).toMatch(/^v1\./); // the token is kept encrypted
  const deltas = await q(
    "SELECT MIN(a.delta) AS lo, COUNT(*) AS n FROM point_readings_agg_5m a JOIN point_info p " +
      "ON p.system_id = a.system_id AND p.id = a.point_id WHERE a.system_id = ? AND p.transform = 'd' AND a.delta IS NOT NULL",
  );
  expect(Number(deltas[0].lo)).toBeGreaterThanOrEqual(0);
  expect(Number(deltas[0].n)).toBeGreaterThan(6 * 10);
  const responses = await q("SELECT response FROM sessions WHERE system_id = ?");
  for (const r of responses) expect(String(r.response)).not.toMatch(/access_token|demo-password/);
});
