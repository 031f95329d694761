import { catchUpDaily } from "@/lib/aggregation";
import { ingestFetchResult } from "@/lib/ingest";
import { pollSystem } from "@/lib/polling";
import type { PollAdapter, VendorAdapter } from "@/lib/vendors/types";
import { AMBER_DEMO_SITES, createAmberEmulator, type AmberEmulator } from "@/scripts/emulators/amber/emulator";
import { perKwh } from "@/scripts/emulators/amber/pricing";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { createAmberAdapter } from "../adapter";

// The real Amber adapter through pollSystem and ingest against the emulator: quality precedence end to end.
const SITE = AMBER_DEMO_SITES["1001"];
const A = Date.parse("2025-12-15T02:40:00Z"); // 13:40 AEDT
const B = A + 7 * 3_600_000; // 20:40 AEDT: the morning's estimates are billable by now
const MIN = 60_000;
let t: TestDb;
let emu: RunningEmulators;
let amber: AmberEmulator;
let adapter: VendorAdapter;
let id: number;

beforeAll(async () => {
  t = await createTestDb();
  amber = createAmberEmulator();
  emu = await startEmulators({ port: 0, emulators: [amber] });
  adapter = createAmberAdapter({ baseUrl: emu.urls.amber, timeoutMs: 5_000 }) as unknown as VendorAdapter;
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  id = await insertTestSystem(t.db, {
    vendorType: "amber",
    siteId: SITE,
    credentials: { apiKey: "psk_demo_amber_0123456789abcdef" },
  });
});
afterAll(async () => {
  await emu.close();
  t.cleanup();
});

const q = async (sql: string, args: Array<string | number> = []) =>
  (await t.db.$client.execute({ sql, args: [id, ...args] })).rows.map((r) => ({ ...r }));
const pointId = async (originId: string, sub: string) =>
  Number(
    (
      await q("SELECT id FROM point_info WHERE system_id = ? AND origin_id = ? AND origin_sub_id = ?", [originId, sub])
    )[0].id,
  );
/** The six 5-minute rows of the half-hour ending at endMs. */
const halfHour = async (pid: number, endMs: number) =>
  q(
    "SELECT interval_end, delta, avg, data_quality FROM point_readings_agg_5m WHERE system_id = ? AND point_id = ? " +
      "AND interval_end > ? AND interval_end <= ? ORDER BY interval_end",
    [pid, endMs - 30 * MIN, endMs],
  );
const poll = async (ms: number) => {
  emu.control.setClock(ms);
  const r = await pollSystem(id, { now: new Date(ms), cause: "ADMIN", force: true, resolveAdapter: () => adapter });
  expect(r.status).toBe("succeeded");
  return r;
};

it("replaces estimated usage with billable, forecasts with actual prices, and never downgrades", async () => {
  const estimatedEnd = Date.parse("2025-12-15T01:00:00Z"); // 11:00 NEM: ended 1 h 40 min before A
  const forecastEnd = Date.parse("2025-12-15T04:30:00Z");
  const first = await poll(A);
  expect(first.ingest!.intervalsWritten).toBeGreaterThan(1000);

  const e1 = await pointId("E1", "energy");
  const price = await pointId("general", "price");
  const before = await halfHour(e1, estimatedEnd);
  expect(before.map((r) => r.data_quality)).toEqual(Array(6).fill("estimated"));
  expect((await halfHour(price, forecastEnd)).map((r) => r.data_quality)).toEqual(Array(6).fill("forecast"));

  const second = await poll(B);
  expect(second.ingest!.intervalsWritten).toBeGreaterThan(0);
  const after = await halfHour(e1, estimatedEnd);
  expect(after.map((r) => r.data_quality)).toEqual(Array(6).fill("billable"));
  const truth = amber.usageTruth(SITE, estimatedEnd).E1;
  const sum = after.reduce((a, r) => a + Number(r.delta), 0);
  expect(Math.abs(sum - truth)).toBeLessThanOrEqual(Math.max(truth * 0.005, 0.5));
  const actual = await halfHour(price, forecastEnd);
  expect(actual.map((r) => r.data_quality)).toEqual(Array(6).fill("actual"));
  expect(Number(actual[0].avg)).toBeCloseTo(perKwh(1001, forecastEnd - 30 * MIN, "general"), 2);

  // The morning's estimated fetch arriving late changes nothing: billable > estimated, actual > forecast.
  emu.control.setClock(A);
  const stale = await (adapter as PollAdapter).fetchLatestData({
    system: {
      id,
      vendorType: "amber",
      vendorSiteId: SITE,
      displayTimezone: "Australia/Melbourne",
      location: null,
      metadata: null,
    },
    credentials: { apiKey: "psk_demo_amber_0123456789abcdef" },
    state: null,
    now: new Date(A),
  });
  const replay = await ingestFetchResult({ id, displayTimezone: "Australia/Melbourne" }, stale, {
    sessionId: null,
    receivedMs: B,
  });
  expect(await halfHour(e1, estimatedEnd)).toEqual(after);
  expect(await halfHour(price, forecastEnd)).toEqual(actual);
  expect(replay.intervalsWritten).toBeLessThan(stale.intervals!.length / 10);
});

it("keeps daily sums of the 30-minute records exact at the 5-minute and daily levels", async () => {
  // 14 Dec local (AEDT): (13 Dec 13:00Z, 14 Dec 13:00Z], all billable since the first poll.
  const day = await catchUpDaily({ now: new Date(B + 86_400_000), systemId: id });
  expect(day.days).toBeGreaterThan(0);
  const e1 = await pointId("E1", "energy");
  const [row] = await q(
    "SELECT delta, interval_count FROM point_readings_agg_1d WHERE system_id = ? AND point_id = ? AND day = ?",
    [e1, "2025-12-14"],
  );
  expect(row.interval_count).toBe(288);
  let expected = 0;
  const dayEnd = Date.parse("2025-12-14T13:00:00Z");
  for (let end = dayEnd - 47 * 30 * MIN; end <= dayEnd; end += 30 * MIN)
    expected += Math.round(amber.usageTruth(SITE, end).E1);
  expect(Number(row.delta)).toBeCloseTo(expected, 6); // the billed Wh exactly, not just within tolerance
  const sessions = await q("SELECT COUNT(*) AS n, SUM(successful) AS ok FROM sessions WHERE system_id = ?");
  expect(sessions).toEqual([{ n: 2, ok: 2 }]);
});
