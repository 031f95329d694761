import { catchUpDaily, clearDaily, regenerateDaily } from "@/lib/aggregation";
import { ingestFetchResult } from "@/lib/ingest";
import { dayBounds } from "@/lib/time/zones";
import type { Reading } from "@/lib/vendors/types";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, TEST_POINTS } from "@/test/helpers/test-vendor";

const MIN = 60_000;
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
});
afterAll(() => t.cleanup());

/** Readings every 5 minutes from just after `fromMs` to `toMs`: power 1000 W, counter +25 Wh per step. */
function fiveMinuteReadings(fromMs: number, toMs: number, startCounter: number): Reading[] {
  const out: Reading[] = [];
  let c = startCounter;
  for (let ms = fromMs + 5 * MIN; ms <= toMs; ms += 5 * MIN) {
    c += 25;
    out.push({ point: TEST_POINTS.solar, measurementTimeMs: ms, value: 1000 });
    out.push({ point: TEST_POINTS.solarEnergy, measurementTimeMs: ms, value: c });
  }
  return out;
}

async function daily(systemId: number) {
  const res = await t.db.$client.execute({
    sql:
      "SELECT d.day, p.origin_id, d.avg, d.delta, d.last, d.interval_count, d.sample_count FROM point_readings_agg_1d d " +
      "JOIN point_info p ON p.system_id = d.system_id AND p.id = d.point_id WHERE d.system_id = ? ORDER BY d.day, p.origin_id",
    args: [systemId],
  });
  return res.rows.map((r) => ({ ...r }));
}

describe("daily aggregation over local days", () => {
  it.each([
    { zone: "Australia/Melbourne", day: "2025-04-06", hours: 25, note: "daylight saving ends" },
    { zone: "Australia/Melbourne", day: "2025-10-05", hours: 23, note: "daylight saving starts" },
    { zone: "Australia/Melbourne", day: "2025-06-15", hours: 24, note: "ordinary winter day" },
    { zone: "Australia/Adelaide", day: "2025-10-05", hours: 23, note: "half-hour zone, DST starts" },
    { zone: "Australia/Adelaide", day: "2025-01-15", hours: 24, note: "half-hour zone, summer" },
    { zone: "Asia/Kolkata", day: "2025-03-09", hours: 24, note: "+05:30, no DST" },
    { zone: "America/New_York", day: "2025-03-09", hours: 23, note: "DST starts" },
    { zone: "America/New_York", day: "2025-11-02", hours: 25, note: "DST ends" },
    { zone: "UTC", day: "2025-03-09", hours: 24, note: "UTC" },
  ])("$zone $day ($note): $hours hours of intervals, energy and coverage exact", async ({ zone, day, hours }) => {
    const systemId = await insertTestSystem(t.db, { zone });
    const { startMs, endMs } = dayBounds(day, zone);
    expect(endMs - startMs).toBe(hours * 3_600_000);
    // One extra hour either side must not leak into the day.
    const readings = fiveMinuteReadings(startMs - 60 * MIN, endMs + 60 * MIN, 10_000);
    await ingestFetchResult(
      { id: systemId, displayTimezone: zone },
      { readings },
      { sessionId: null, receivedMs: endMs },
    );
    const result = await catchUpDaily({ now: new Date(endMs + 5 * MIN), systemId });
    expect(result.days).toBeGreaterThanOrEqual(1);

    const rows = (await daily(systemId)).filter((r) => r.day === day);
    const intervals = hours * 12;
    expect(rows).toEqual([
      {
        day,
        origin_id: "solar",
        avg: 1000,
        delta: null,
        last: 1000,
        interval_count: intervals,
        sample_count: intervals,
      },
      {
        day,
        origin_id: "solar_total",
        avg: expect.any(Number),
        delta: intervals * 25,
        // The counter value at the end of the day: the reading exactly at local midnight belongs to this day.
        last: 10_000 + 12 * 25 + intervals * 25,
        interval_count: intervals,
        sample_count: intervals,
      },
    ]);
  });

  it("catches up every missed day, only once, and re-aggregates a day that receives late data", async () => {
    const zone = "Australia/Melbourne";
    const systemId = await insertTestSystem(t.db, { zone });
    const sys = { id: systemId, displayTimezone: zone };
    const first = dayBounds("2025-02-01", zone).startMs;
    const third = dayBounds("2025-02-03", zone).endMs;
    await ingestFetchResult(
      sys,
      { readings: fiveMinuteReadings(first, third, 0) },
      { sessionId: null, receivedMs: third },
    );

    // Cron missed two nights: at 00:05 on the 4th all three days are aggregated; today (4th) is not.
    const r1 = await catchUpDaily({ now: new Date(third + 5 * MIN), systemId });
    expect(r1.days).toBe(3);
    expect((await daily(systemId)).map((r) => r.day)).toEqual([
      "2025-02-01",
      "2025-02-01",
      "2025-02-02",
      "2025-02-02",
      "2025-02-03",
      "2025-02-03",
    ]);
    const again = await catchUpDaily({ now: new Date(third + 10 * MIN), systemId });
    expect(again.days).toBe(0);

    // A late reading for the 2nd marks only that day stale.
    const late = dayBounds("2025-02-02", zone).startMs + 7 * MIN;
    await ingestFetchResult(
      sys,
      { readings: [{ point: TEST_POINTS.solar, measurementTimeMs: late, value: 4000 }] },
      { sessionId: null, receivedMs: third },
    );
    const r3 = await catchUpDaily({ now: new Date(third + 15 * MIN), systemId });
    expect(r3.days).toBe(1);
    const day2 = (await daily(systemId)).find((r) => r.day === "2025-02-02" && r.origin_id === "solar")!;
    expect(day2.sample_count).toBe(289);
  });

  it("regenerate is idempotent and clear removes rows", async () => {
    const zone = "UTC";
    const systemId = await insertTestSystem(t.db, { zone });
    const { startMs, endMs } = dayBounds("2025-05-01", zone);
    await ingestFetchResult(
      { id: systemId, displayTimezone: zone },
      { readings: fiveMinuteReadings(startMs, endMs, 0) },
      { sessionId: null, receivedMs: endMs },
    );
    const a = await regenerateDaily(systemId, "2025-04-30", "2025-05-02");
    const rowsA = await daily(systemId);
    const b = await regenerateDaily(systemId, "2025-04-30", "2025-05-02");
    expect(a).toEqual(b);
    expect(await daily(systemId)).toEqual(rowsA);
    expect(rowsA.map((r) => r.day)).toEqual(["2025-05-01", "2025-05-01"]);
    expect(await clearDaily(systemId, "2025-05-01", "2025-05-01")).toEqual({ deleted: 2 });
    expect(await daily(systemId)).toEqual([]);
  });
});
