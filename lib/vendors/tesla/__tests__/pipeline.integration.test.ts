import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { decryptJson } from "@/lib/crypto/secrets";
import { resetEnv } from "@/lib/env";
import { pollSystem } from "@/lib/polling";
import type { VendorAdapter } from "@/lib/vendors/types";
import { simulator } from "@/scripts/emulators/sim";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { TESLA_DEMO_SITE } from "@/scripts/emulators/tesla/accounts";
import { createTeslaEmulator, type TeslaEmulator } from "@/scripts/emulators/tesla/emulator";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { listAdminSystems } from "@/lib/admin";
import { apiSpendForSystem, callsLeftForSystem } from "../../quota";
import { createTeslaAdapter, type TeslaState } from "../adapter";
import { refreshTokens } from "../oauth";
import { dbSpendMeter } from "../spend";
import { appOf, grant } from "./helpers";

// The real adapter, the real pipeline (spend ledger, token store, ingest) against the emulator and a libSQL file.
const ZONE = "Australia/Brisbane";
const SITE = "1689000000000001";
const CAR = "3744000000000001";
const day = (iso: string, hour: number) => DateTime.fromISO(iso, { zone: ZONE }).set({ hour }).toMillis();
let t: TestDb;
let emu: RunningEmulators;
let tesla: TeslaEmulator;
let adapter: VendorAdapter;

beforeAll(async () => {
  process.env.TESLA_MONTHLY_CREDIT_USD = "0.01"; // 5 vehicle data requests a month
  process.env.TESLA_CLIENT_ID = "demo-tesla-client";
  t = await createTestDb();
  resetEnv();
  tesla = createTeslaEmulator();
  emu = await startEmulators({ port: 0, emulators: [tesla] });
  simulator.stateAt(TESLA_DEMO_SITE, day("2025-12-17", 23)); // step from the demo epoch once, outside any time limit
  adapter = createTeslaAdapter({ ...appOf(emu), timeoutMs: 15_000 }) as unknown as VendorAdapter;
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  delete process.env.TESLA_MONTHLY_CREDIT_USD;
  delete process.env.TESLA_CLIENT_ID;
  resetEnv();
  await emu.close();
  await t.cleanup();
});

const q = async (sql: string, args: (string | number)[] = []) =>
  (await t.db.$client.execute({ sql, args })).rows.map((r) => ({ ...r }));

it("polls a Powerwall site with its car, shares rotated tokens, counts spend and stops at the credit", async () => {
  emu.control.setClock(day("2025-12-16", 9));
  const tokens = { ...(await grant(emu)), vehicles: [{ id: CAR, name: "Sparky" }] };
  const opts = { vendorType: "tesla", zone: ZONE, credentials: tokens as unknown as Record<string, unknown> };
  const a = await insertTestSystem(t.db, { ...opts, siteId: SITE });
  const b = await insertTestSystem(t.db, { ...opts, siteId: "1689000000000099" });
  const poll = async (id: number, ms: number) => {
    emu.control.setClock(ms);
    return pollSystem(id, { now: new Date(ms), cause: "ADMIN", force: true, resolveAdapter: () => adapter });
  };

  // The access token (8 h) has expired by the afternoon: A refreshes, and the new pair reaches B in the same write.
  const r = await poll(a, day("2025-12-16", 18));
  expect(r).toMatchObject({ status: "succeeded" });
  const creds = await q("SELECT system_id, state FROM vendor_credentials ORDER BY system_id");
  expect(creds.map((c) => Number(c.system_id))).toEqual([a, b]);
  const stateA = decryptJson<TeslaState>(String(creds[0].state));
  const stateB = decryptJson<TeslaState>(String(creds[1].state));
  expect(stateA.refreshToken).not.toBe(tokens.refreshToken);
  expect(stateB.refreshToken).toBe(stateA.refreshToken);
  // B's own (rotated, now refused) refresh token is never used again: it reads with the shared pair.
  await expect(refreshTokens(appOf(emu), tokens, new Date(day("2025-12-16", 18)))).rejects.toMatchObject({
    code: "AUTH_FAILED",
  });

  // Points landed with their types; the EV charger load is typed load.ev.
  const points = await q(
    "SELECT type, subtype, extension, metric_type FROM point_info WHERE system_id = ? ORDER BY id",
    [a],
  );
  const paths = points.map((p) => `${[p.type, p.subtype, p.extension].filter(Boolean).join(".")}/${p.metric_type}`);
  expect(paths).toEqual(
    expect.arrayContaining([
      "source.solar/power",
      "bidi.battery/power",
      "bidi.grid/power",
      "load/power",
      "bidi.battery/soc",
    ]),
  );

  // Spend: each vehicle_data was counted; the fifth uses up the 1-cent credit, then the car is left alone.
  for (let h = 10; h <= 14; h++) await poll(a, day("2025-12-17", h));
  const before = tesla.counts().vehicle_data ?? 0;
  const late = await poll(a, day("2025-12-17", 15));
  expect(late).toMatchObject({ status: "succeeded" });
  expect(tesla.counts().vehicle_data ?? 0).toBe(before);
  const windows = await callsLeftForSystem(
    { vendorType: "tesla", vendorSiteId: SITE },
    new Date(day("2025-12-17", 15)),
  );
  expect(windows).toEqual([
    expect.objectContaining({ period: "month", limit: 5, used: 5, left: 0, pricePerCallUsd: 0.002 }),
  ]);
  // Admin shows it as spend against the credit.
  const admin = (await listAdminSystems(day("2025-12-17", 15))).find((row) => row.id === a)!;
  expect(admin.spend!.usedUsd).toBeCloseTo(0.01, 6);
  expect(admin.spend!.creditUsd).toBeCloseTo(0.01, 6);
  // Settings reads the same figures through the same function.
  expect(await apiSpendForSystem({ vendorType: "tesla", vendorSiteId: SITE }, new Date(day("2025-12-17", 15)))).toEqual(
    admin.spend,
  );
  expect(await apiSpendForSystem({ vendorType: "fronius", vendorSiteId: "1" })).toBeNull();
  expect(await dbSpendMeter.usedShare(new Date(day("2025-12-17", 15)))).toBe(1);
  expect(tesla.counts().wake_up ?? 0).toBe(0);

  // No token in plaintext anywhere in the database file.
  const file = readFileSync(t.file);
  for (const secret of [tokens.accessToken, tokens.refreshToken, stateA.accessToken, stateA.refreshToken]) {
    expect(file.includes(Buffer.from(secret))).toBe(false);
  }
});
