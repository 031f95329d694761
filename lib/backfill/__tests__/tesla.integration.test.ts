import { DateTime } from "luxon";
import { pollSystem } from "@/lib/polling";
import { createTeslaAdapter } from "@/lib/vendors/tesla/adapter";
import { appOf, grant } from "@/lib/vendors/tesla/__tests__/helpers";
import type { VendorAdapter } from "@/lib/vendors/types";
import { simulator } from "@/scripts/emulators/sim";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { TESLA_DEMO_SITE } from "@/scripts/emulators/tesla/accounts";
import { createTeslaEmulator, type TeslaEmulator } from "@/scripts/emulators/tesla/emulator";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { runBackfill, startBackfill } from "..";

// The real Tesla adapter's calendar history (kind=power, a call per local day) through the real backfill and
// ingest, against the emulator: past days imported as "backfilled", polled intervals kept, a re-run writes nothing.
const ZONE = "Australia/Brisbane";
const POWERWALL = "1689000000000001";
const SOLAR_ONLY = "1689000000000002";
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const T = at("2025-12-20T12:00");
let t: TestDb;
let emu: RunningEmulators;
let tesla: TeslaEmulator;
let adapter: VendorAdapter;
const resolveAdapter = () => adapter;

beforeAll(async () => {
  t = await createTestDb();
  tesla = createTeslaEmulator();
  emu = await startEmulators({ port: 0, emulators: [tesla] });
  simulator.stateAt(TESLA_DEMO_SITE, at("2025-12-13T00:00")); // step from the demo epoch once, outside any time limit
  adapter = createTeslaAdapter({ ...appOf(emu), timeoutMs: 15_000, spend: null }) as unknown as VendorAdapter;
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  await emu.close();
  await t.cleanup();
});

const q = async (sql: string, args: (string | number)[] = []) =>
  (await t.db.$client.execute({ sql, args })).rows.map((r) => ({ ...r }));

/** 5-minute rows of a system by origin and quality. */
const byQuality = (id: number) =>
  q(
    "SELECT p.origin_id, a.data_quality, count(*) AS n FROM point_readings_agg_5m a JOIN point_info p " +
      "ON p.system_id = a.system_id AND p.id = a.point_id WHERE a.system_id = ? GROUP BY p.origin_id, a.data_quality " +
      "ORDER BY p.origin_id, a.data_quality",
    [id],
  );

async function teslaSystem(siteId: string): Promise<number> {
  emu.control.setClock(at("2025-12-15T12:00"));
  const credentials = (await grant(emu)) as unknown as Record<string, unknown>;
  return insertTestSystem(t.db, { vendorType: "tesla", siteId, zone: ZONE, credentials });
}

it("imports a Powerwall site's past days as backfilled powers, keeps polled intervals, and a re-run writes nothing", async () => {
  const id = await teslaSystem(POWERWALL);
  for (const pollAt of [at("2025-12-15T12:02"), at("2025-12-15T12:07")]) {
    emu.control.setClock(pollAt);
    const r = await pollSystem(id, { now: new Date(pollAt), force: true, resolveAdapter });
    expect(r.status).toBe("succeeded");
  }
  const polled = await q(
    "SELECT point_id, interval_end, avg, data_quality FROM point_readings_agg_5m WHERE system_id = ? ORDER BY point_id, interval_end",
    [id],
  );
  expect(polled.length).toBeGreaterThan(0);

  emu.control.setClock(T);
  const before = tesla.counts().energy ?? 0;
  await startBackfill({ id, displayTimezone: ZONE }, "2025-12-14", "owner", T);
  const run = await runBackfill(id, { now: new Date(T), maxChunks: 10, resolveAdapter });
  // Six local days (14th–19th), one calendar_history call each; today belongs to the polls.
  expect(run).toMatchObject({ status: "done", chunks: 6 });
  expect((tesla.counts().energy ?? 0) - before).toBe(6);

  const rows = await byQuality(id);
  for (const origin of ["solar_power", "battery_power", "grid_power", "load_power"]) {
    const mine = rows.filter((r) => r.origin_id === origin);
    // The two polls' intervals (12:05 and 12:10 on the 15th) stay measured; every other one is imported.
    expect(mine).toEqual([
      { origin_id: origin, data_quality: "backfilled", n: 6 * 288 - 2 },
      { origin_id: origin, data_quality: "good", n: 2 },
    ]);
  }
  const after = await q(
    "SELECT point_id, interval_end, avg, data_quality FROM point_readings_agg_5m WHERE system_id = ? AND data_quality <> 'backfilled' ORDER BY point_id, interval_end",
    [id],
  );
  // The interval closed before the backfill (12:05) is exactly what the poll stored.
  const closed = (rows: typeof after) => rows.filter((r) => Number(r.interval_end) === at("2025-12-15T12:05"));
  expect(closed(after)).toEqual(closed(polled));
  expect(closed(polled).length).toBeGreaterThanOrEqual(4);

  // Values: each quarter's average power (the simulator's truth), load = solar + battery + grid, our signs.
  const value = async (origin: string, endMs: number) =>
    Number(
      (
        await q(
          "SELECT a.avg FROM point_readings_agg_5m a JOIN point_info p ON p.system_id = a.system_id AND p.id = a.point_id " +
            "WHERE a.system_id = ? AND p.origin_id = ? AND a.interval_end = ?",
          [id, origin, endMs],
        )
      )[0]?.avg,
    );
  const quarterEnd = at("2025-12-16T12:15");
  const truth = simulator.intervalTruth(TESLA_DEMO_SITE, quarterEnd, 15).avgW;
  for (const end of [quarterEnd - 600_000, quarterEnd - 300_000, quarterEnd]) {
    expect(await value("solar_power", end)).toBe(Math.round(truth.solar));
    expect(await value("battery_power", end)).toBe(Math.round(truth.battery));
    expect(await value("grid_power", end)).toBe(Math.round(truth.grid));
  }
  expect(await value("load_power", quarterEnd)).toBe(
    Math.round(truth.solar) + Math.round(truth.battery) + Math.round(truth.grid),
  );

  await startBackfill({ id, displayTimezone: ZONE }, "2025-12-14", "owner", T);
  const again = await runBackfill(id, { now: new Date(T), maxChunks: 10, resolveAdapter });
  expect(again).toMatchObject({ status: "done", chunks: 6, rowsWritten: 0 });
  expect(await byQuality(id)).toEqual(rows);
}, 120_000);

it("makes no battery points for a solar-only site", async () => {
  const id = await teslaSystem(SOLAR_ONLY);
  emu.control.setClock(T);
  await startBackfill({ id, displayTimezone: ZONE }, "2025-12-19", "owner", T);
  const run = await runBackfill(id, { now: new Date(T), maxChunks: 10, resolveAdapter });
  expect(run).toMatchObject({ status: "done", chunks: 1 });
  expect((await byQuality(id)).map((r) => [r.origin_id, r.data_quality, r.n])).toEqual([
    ["grid_power", "backfilled", 288],
    ["load_power", "backfilled", 288],
    ["solar_power", "backfilled", 288],
  ]);
}, 60_000);
