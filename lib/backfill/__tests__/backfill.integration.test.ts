import { DateTime } from "luxon";
import { pollSystem } from "@/lib/polling";
import { solarEdgeSiteKey } from "@/lib/vendors/quota";
import type { VendorAdapter } from "@/lib/vendors/types";
import { SOLAREDGE_DEMO_KEY } from "@/scripts/emulators/solaredge/accounts";
import { createSolarEdgeEmulator } from "@/scripts/emulators/solaredge/emulator";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { createSolarEdgeAdapter } from "@/lib/vendors/solaredge/adapter";
import { runBackfill, runDueBackfills, startBackfill } from "..";
import { getBackfillJob } from "../store";

// The real SolarEdge adapter's history (energyDetails + powerDetails) through the real ingest and the DB quota
// ledger, against the emulator. Chunks of two days keep the suite small; the production chunk is 28 days.
const ZONE = "Australia/Perth";
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const T = at("2025-12-20T12:00");
const DAY_MS = 86_400_000;
let emu: RunningEmulators;
let adapter: VendorAdapter;

beforeAll(async () => {
  emu = await startEmulators({ port: 0, emulators: [createSolarEdgeEmulator()] });
  const real = createSolarEdgeAdapter({ baseUrl: emu.urls.solaredge, timeoutMs: 5_000 });
  const history = real.history!;
  adapter = {
    ...real,
    history: { ...history, chunkEnd: (startMs: number) => startMs + 2 * DAY_MS },
  } as unknown as VendorAdapter;
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  await emu.close();
});

const resolveAdapter = () => adapter;

/** A fresh database with one SolarEdge system polled twice on 15 December (measured data to keep). */
async function polledSystem(): Promise<{ t: TestDb; id: number }> {
  const t = await createTestDb();
  const id = await insertTestSystem(t.db, {
    vendorType: "solaredge",
    siteId: "3101",
    zone: ZONE,
    credentials: { apiKey: SOLAREDGE_DEMO_KEY },
  });
  for (const pollAt of [at("2025-12-15T12:02"), at("2025-12-15T12:07")]) {
    emu.control.setClock(pollAt);
    const r = await pollSystem(id, { now: new Date(pollAt), force: true, resolveAdapter });
    expect(r.status).toBe("succeeded");
  }
  emu.control.setClock(T);
  await startBackfill({ id, displayTimezone: ZONE }, "2025-12-12", "owner", T);
  return { t, id };
}

/** Every 5-minute and 30-minute row of the system, by point origin (ids and timestamps of writing left out). */
async function snapshot(t: TestDb, id: number) {
  const rows = async (table: string) =>
    (
      await t.db.$client.execute({
        sql:
          `SELECT p.origin_id, a.interval_end, a.avg, a.min, a.max, a.last, a.delta${table.endsWith("5m") ? ", a.data_quality" : ""} ` +
          `FROM ${table} a JOIN point_info p ON p.system_id = a.system_id AND p.id = a.point_id WHERE a.system_id = ? ` +
          "ORDER BY p.origin_id, a.interval_end",
        args: [id],
      })
    ).rows.map((r) => ({ ...r }));
  return { fiveMinute: await rows("point_readings_agg_5m"), halfHour: await rows("point_readings_agg_30m") };
}

it("stops half-way when the quota is spent, resumes the next day, and ends identical to a single run", async () => {
  // One run with the whole quota: four chunks of two days, two calls each.
  const single = await polledSystem();
  const once = await runBackfill(single.id, { now: new Date(T), maxChunks: 10, resolveAdapter });
  expect(once).toMatchObject({ status: "done", chunks: 4 });
  const want = await snapshot(single.t, single.id);
  await single.t.cleanup();

  // The same with only four calls left of the site's 300 today: two chunks, then the quota stops it.
  const split = await polledSystem();
  await split.t.db.$client.execute({
    sql: "INSERT INTO vendor_quota (vendor, account_key, period, period_start, calls, updated_at) VALUES (?,?,?,?,?,?)",
    args: ["solaredge", solarEdgeSiteKey("3101"), "day", T - (T % DAY_MS), 296, T],
  });
  const day1 = await runBackfill(split.id, { now: new Date(T), maxChunks: 10, resolveAdapter });
  expect(day1).toMatchObject({ status: "waiting", chunks: 2 });
  const waiting = (await getBackfillJob(split.id))!;
  expect(waiting.cursorMs).toBe(at("2025-12-16T00:00"));
  const midnightUtc = T - (T % DAY_MS) + DAY_MS;
  expect(waiting.nextRunMs).toBe(midnightUtc);
  expect(waiting.lastError).toMatch(/quota used up/);
  // Not due again before the quota resets.
  expect(await runDueBackfills({ now: new Date(T + 3_600_000), resolveAdapter })).toEqual([]);
  const day2 = new Date(midnightUtc + 60_000);
  emu.control.setClock(day2.getTime());
  const resumed = await runDueBackfills({ now: day2, maxChunks: 10, resolveAdapter });
  expect(resumed).toMatchObject([{ systemId: split.id, status: "done", chunks: 2 }]);
  const got = await snapshot(split.t, split.id);
  await split.t.cleanup();

  expect(got.fiveMinute.length).toBe(want.fiveMinute.length);
  expect(got).toEqual(want);
  // Eight whole days of every point: 4 energies and 4 powers, 288 intervals a day.
  const imported = want.fiveMinute.filter((r) => r.data_quality === "backfilled");
  expect(new Set(imported.map((r) => r.origin_id))).toEqual(
    new Set(["PV", "LOAD", "GRID", "STORAGE", "Production", "Consumption", "Purchased", "FeedIn"]),
  );
  // What the polls of 15 December measured was kept: the powers of 12:00–12:05 stay "good" (the raw readings'),
  // the quarter-hour energies up to noon the poll's "estimated".
  const quality = (origin: string, endMs: number) =>
    want.fiveMinute.find((r) => r.origin_id === origin && Number(r.interval_end) === endMs)?.data_quality;
  for (const origin of ["PV", "LOAD", "GRID", "STORAGE"]) expect(quality(origin, at("2025-12-15T12:05"))).toBe("good");
  for (const origin of ["Production", "Consumption"]) {
    expect(quality(origin, at("2025-12-15T12:00"))).toBe("estimated");
    expect(quality(origin, at("2025-12-15T13:00"))).toBe("backfilled");
  }
  // Nights are filled: every 5-minute interval of the night of the 13th has a solar power value.
  const night = want.fiveMinute.filter(
    (r) =>
      r.origin_id === "PV" &&
      Number(r.interval_end) > at("2025-12-13T00:00") &&
      Number(r.interval_end) <= at("2025-12-13T06:00"),
  );
  expect(night).toHaveLength(72);
}, 120_000);
