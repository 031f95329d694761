import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { catchUpDaily } from "@/lib/aggregation";
import { decryptJson } from "@/lib/crypto/secrets";
import { pollSystem } from "@/lib/polling";
import type { VendorAdapter } from "@/lib/vendors/types";
import { createEnphaseEmulator } from "@/scripts/emulators/enphase/emulator";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { callsLeft, enphaseAppKey } from "../../quota";
import { createEnphaseAdapter } from "../adapter";
import { pastDayCoverage } from "../completeness";
import type { EnphaseTokens } from "../tokens";
import { appOf, grant } from "./helpers";

// The real adapter, the real pipeline (ledger, token store, ingest) and the emulator with its quota on.
const ZONE = "Australia/Sydney";
const day = (iso: string, hour: number) => DateTime.fromISO(iso, { zone: ZONE }).set({ hour }).toMillis();
let t: TestDb;
let emu: RunningEmulators;
let adapter: VendorAdapter;

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0, emulators: [createEnphaseEmulator()] });
  adapter = createEnphaseAdapter({ ...appOf(emu), timeoutMs: 3_000 }) as unknown as VendorAdapter;
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  await emu.close();
  t.cleanup();
});

const q = async (sql: string, args: (string | number)[] = []) =>
  (await t.db.$client.execute({ sql, args })).rows.map((r) => ({ ...r }));

it("polls hourly, refreshes and shares tokens, and back-fills whole local days after an outage", async () => {
  emu.control.setClock(day("2025-12-10", 10));
  const tokens = await grant(emu);
  const opts = { vendorType: "enphase", zone: ZONE, credentials: tokens as unknown as Record<string, unknown> };
  const a = await insertTestSystem(t.db, { ...opts, siteId: "2875301" });
  const b = await insertTestSystem(t.db, { ...opts, siteId: "2875302", zone: "Australia/Brisbane" });
  const poll = async (id: number, ms: number) => {
    emu.control.setClock(ms);
    const r = await pollSystem(id, { now: new Date(ms), cause: "ADMIN", force: true, resolveAdapter: () => adapter });
    if (r.status !== "succeeded") throw new Error(`${id} at ${new Date(ms).toISOString()}: ${r.errorCode} ${r.error}`);
    return r;
  };

  // Day 1 (10 Dec): hourly in daylight, then the small-hours pass of 11 Dec.
  for (let h = 10; h <= 20; h++) await poll(a, day("2025-12-10", h));
  await poll(a, day("2025-12-11", 2));
  // Outage: nothing until the afternoon of 14 Dec (the access token, 24 h, has long expired).
  const r = await poll(a, day("2025-12-14", 14));
  expect(r.ingest!.intervalsWritten).toBeGreaterThan(0);
  await poll(a, day("2025-12-14", 15));
  await poll(a, day("2025-12-15", 2)); // small hours: re-fetch the 14th and older gaps
  await poll(a, day("2025-12-15", 3));

  // 8–14 Dec complete (288 intervals each), each day's energy within 0.5% of the simulator.
  const coverage = await pastDayCoverage(a, ZONE, new Date(day("2025-12-15", 12)), 7);
  expect(coverage.map((c) => [c.day, c.stored])).toEqual(
    ["2025-12-14", "2025-12-13", "2025-12-12", "2025-12-11", "2025-12-10", "2025-12-09", "2025-12-08"].map((d) => [
      d,
      288,
    ]),
  );
  await catchUpDaily({ now: new Date(day("2025-12-15", 12)), systemId: a });
  const daily = await q(
    "SELECT d.day, d.delta FROM point_readings_agg_1d d JOIN point_info p ON p.system_id = d.system_id AND p.id = d.point_id " +
      "WHERE d.system_id = ? AND p.origin_id = 'enwh' ORDER BY d.day",
    [a],
  );
  expect(daily.length).toBeGreaterThanOrEqual(7);
  for (const d of daily.filter((x) => String(x.day) >= "2025-12-08")) {
    const start = DateTime.fromISO(String(d.day), { zone: ZONE }).toMillis();
    let truth = 0;
    for (let end = start + 300_000; end <= start + 86_400_000; end += 300_000) {
      truth += (emu.control.truth("enphase", "2875301", end) as { energyWh: { solarWh: number } }).energyWh.solarWh;
    }
    expect(Math.abs(Number(d.delta) - truth) / truth).toBeLessThan(0.005);
  }

  // Tokens: refreshed after the outage, stored for A and shared with B (same grant), never in plaintext.
  const creds = await q("SELECT system_id, credentials, state FROM vendor_credentials ORDER BY system_id");
  const stateA = decryptJson<EnphaseTokens>(String(creds[0].state));
  const stateB = decryptJson<EnphaseTokens>(String(creds[1].state));
  expect(stateA.refreshToken).not.toBe(tokens.refreshToken);
  expect(stateB.refreshToken).toBe(stateA.refreshToken);
  // B polls with the shared pair: no refresh (its old refresh token was rotated away).
  const loginsBefore = emu.control.stats().enphase.logins;
  await poll(b, day("2025-12-15", 9));
  expect(emu.control.stats().enphase.logins).toBe(loginsBefore);
  const file = readFileSync(t.url.replace(/^file:/, ""));
  for (const secret of [tokens.accessToken, tokens.refreshToken, stateA.accessToken, stateA.refreshToken]) {
    expect(file.includes(Buffer.from(secret))).toBe(false);
  }
  const sessions = await q("SELECT response FROM sessions");
  expect(JSON.stringify(sessions)).not.toContain(stateA.accessToken.slice(5, 40));

  // Every call went through the ledger, and the emulator never had to refuse one.
  const used = await callsLeft("enphase", enphaseAppKey(appOf(emu).apiKey), new Date(day("2025-12-15", 9)));
  expect(used.find((w) => w.period === "month")!.used).toBe(emu.control.stats().enphase.byKind.data);
  expect(emu.control.stats().enphase.injected).toEqual({});
});

it("stops at 10 calls a minute in its own ledger and backs off until the next minute", async () => {
  const now = day("2025-12-16", 11);
  emu.control.setClock(now);
  const tokens = await grant(emu);
  const id = await insertTestSystem(t.db, {
    vendorType: "enphase",
    siteId: "2875301",
    zone: ZONE,
    owner: "other",
    credentials: tokens as never,
  });
  const results = [];
  for (let i = 0; i < 6; i++) {
    results.push(
      await pollSystem(id, { now: new Date(now), cause: "ADMIN", force: true, resolveAdapter: () => adapter }),
    );
  }
  const failed = results.find((r) => r.status === "failed")!;
  expect(failed.errorCode).toBe("RATE_LIMITED");
  expect(failed.error).toMatch(/10 calls per minute/);
  expect(failed.nextPollAtMs).toBeLessThanOrEqual(now + 60_000);
  expect(emu.control.stats().enphase.injected).toEqual({});
});
