import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, TEST_POINTS } from "@/test/helpers/test-vendor";
import { ingestFetchResult } from "@/lib/ingest";
import type { IntervalReading, Reading } from "@/lib/vendors/types";

const MIN = 60_000;
const T0 = Date.UTC(2025, 2, 1, 0, 0, 0);
let t: TestDb;
let systemId: number;
const system = () => ({ id: systemId, displayTimezone: "Australia/Melbourne" });
const opts = (ms: number) => ({ sessionId: null, receivedMs: ms });
/** Received a day later: every interval has ended, so each fetch is aggregated on arrival (late data). */
const late = () => opts(T0 + 3 * 1440 * MIN);

const rows = async (sql: string, args: unknown[] = []) =>
  (await t.db.$client.execute({ sql, args: args as never })).rows.map((r) => ({ ...r }));
const dump = async () => ({
  raw: await rows("SELECT * FROM point_readings WHERE system_id = ? ORDER BY point_id, measurement_time", [systemId]),
  agg: await rows("SELECT * FROM point_readings_agg_5m WHERE system_id = ? ORDER BY point_id, interval_end", [
    systemId,
  ]),
  points: await rows("SELECT * FROM point_info WHERE system_id = ? ORDER BY id", [systemId]),
});
const agg = async (originId: string) =>
  rows(
    "SELECT a.* FROM point_readings_agg_5m a JOIN point_info p ON p.system_id = a.system_id AND p.id = a.point_id " +
      "WHERE a.system_id = ? AND p.origin_id = ? ORDER BY interval_end",
    [systemId, originId],
  );
const counter = (min: number, value: number): Reading => ({
  point: TEST_POINTS.solarEnergy,
  measurementTimeMs: T0 + min * MIN,
  value,
});

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());
beforeEach(async () => {
  systemId = await insertTestSystem(t.db);
});

describe("ingestFetchResult", () => {
  it("creates points lazily with sequential ids and never overwrites a user's edits", async () => {
    const first = await ingestFetchResult(
      system(),
      { readings: [{ point: TEST_POINTS.solar, measurementTimeMs: T0 + MIN, value: 1 }] },
      opts(T0),
    );
    expect(first.pointsCreated).toBe(1);
    await t.db.$client.execute({
      sql: "UPDATE point_info SET display_name = 'My roof', type = 'load' WHERE system_id = ?",
      args: [systemId],
    });
    const second = await ingestFetchResult(
      system(),
      {
        readings: [
          { point: TEST_POINTS.solar, measurementTimeMs: T0 + 2 * MIN, value: 2 },
          { point: TEST_POINTS.soc, measurementTimeMs: T0 + 2 * MIN, value: 50 },
          { point: TEST_POINTS.status, measurementTimeMs: T0 + 2 * MIN, value: null, valueStr: "ok" },
        ],
      },
      opts(T0),
    );
    expect(second.pointsCreated).toBe(2);
    const points = (await dump()).points;
    expect(points.map((p) => [p.id, p.origin_id, p.display_name, p.type])).toEqual([
      [1, "solar", "My roof", "load"],
      [2, "soc", "Battery SoC", "bidi"],
      [3, "status", "Status", null],
    ]);
  });

  it("sees any change to the system's points on the next poll, even one that leaves updated_at alone", async () => {
    const solar = (min: number, value: number) => ({
      readings: [{ point: TEST_POINTS.solar, measurementTimeMs: T0 + min * MIN, value }],
    });
    // The first poll creates the point; the second reads it into the per-process copy.
    await ingestFetchResult(system(), solar(1, 100), late());
    await ingestFetchResult(system(), solar(6, 100), late());
    // An edit by a path that does not touch updated_at: the next poll must still use the new transform.
    await t.db.$client.execute({ sql: "UPDATE point_info SET transform = 'i' WHERE system_id = ?", args: [systemId] });
    await ingestFetchResult(system(), solar(11, 100), late());
    expect((await agg("solar")).map((r) => r.avg)).toEqual([100, 100, -100]);
    // A removed point is created again rather than written under the id that is gone.
    await t.db.$client.execute({ sql: "DELETE FROM point_info WHERE system_id = ?", args: [systemId] });
    const again = await ingestFetchResult(system(), solar(16, 7), late());
    expect(again.pointsCreated).toBe(1);
    expect((await dump()).points.map((p) => [p.id, p.origin_id])).toEqual([[1, "solar"]]);
  });

  it("writes one poll's readings and aggregates; a replay adds no rows and changes no aggregate", async () => {
    const readings: Reading[] = [];
    for (let m = 1; m <= 10; m++) {
      readings.push({ point: TEST_POINTS.solar, measurementTimeMs: T0 + m * MIN, value: m * 100 });
      readings.push(counter(m, 5000 + m * 10));
    }
    const result = await ingestFetchResult(system(), { readings }, opts(T0 + 10 * MIN));
    expect(result).toMatchObject({ readingsInserted: 20, intervalsRecomputed: 4, intervalsClosed: 0 });
    const before = await dump();
    const replay = await ingestFetchResult(system(), { readings }, opts(T0 + 20 * MIN));
    expect(replay).toMatchObject({ readingsInserted: 0, intervalsRecomputed: 0, pointsCreated: 0 });
    expect(await dump()).toEqual(before);

    const solar = await agg("solar");
    expect(solar.map((r) => [r.interval_end, r.avg, r.min, r.max, r.last, r.sample_count])).toEqual([
      [T0 + 5 * MIN, 300, 100, 500, 500, 5],
      [T0 + 10 * MIN, 800, 600, 1000, 1000, 5],
    ]);
    // First reading ever has no predecessor: 4 steps of 10 Wh in the first interval, then 5 steps.
    expect((await agg("solar_total")).map((r) => r.delta)).toEqual([40, 50]);
  });

  it("preserves counter energy across a gap and across polls (sum of deltas = last − first)", async () => {
    await ingestFetchResult(system(), { readings: [counter(1, 1000), counter(2, 1010)] }, late());
    await ingestFetchResult(system(), { readings: [counter(183, 4610)] }, late()); // three hours later
    await ingestFetchResult(system(), { readings: [counter(184, 4620)] }, late());
    const deltas = (await agg("solar_total")).map((r) => [r.interval_end, r.delta]);
    expect(deltas).toEqual([
      [T0 + 5 * MIN, 10],
      [T0 + 185 * MIN, 3610],
    ]);
  });

  it("treats a counter going backwards as a reset: no negative delta, logged once", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    await ingestFetchResult(system(), { readings: [counter(1, 90_000), counter(2, 90_010)] }, late());
    await ingestFetchResult(system(), { readings: [counter(3, 4)] }, late());
    await ingestFetchResult(system(), { readings: [counter(4, 9)] }, late()); // same interval re-aggregated
    const [row] = await agg("solar_total");
    expect(row.delta).toBe(15);
    expect(warn.mock.calls.filter((c) => String(c[0]).includes("counter reset"))).toHaveLength(1);
    warn.mockRestore();
  });

  it("recomputes the following interval when late data arrives before it (back-fill out of order)", async () => {
    await ingestFetchResult(system(), { readings: [counter(1, 100)] }, late());
    await ingestFetchResult(system(), { readings: [counter(11, 300)] }, late());
    expect((await agg("solar_total")).map((r) => r.delta)).toEqual([0, 200]);
    await ingestFetchResult(system(), { readings: [counter(7, 250)] }, late()); // late, in between
    expect((await agg("solar_total")).map((r) => r.delta)).toEqual([0, 150, 50]);
  });

  it("stores a large poll in chunked multi-row inserts", async () => {
    const readings: Reading[] = [];
    for (let m = 0; m < 1500; m++)
      readings.push({ point: TEST_POINTS.solar, measurementTimeMs: T0 + m * MIN, value: m });
    const res = await ingestFetchResult(system(), { readings }, late());
    expect(res.readingsInserted).toBe(1500);
    expect(res.intervalsRecomputed).toBe(301);
  });

  it("writes vendor intervals with quality precedence: better replaces worse, never the reverse", async () => {
    const price = (quality: string, avg: number): IntervalReading => ({
      point: TEST_POINTS.gridPrice,
      intervalEndMs: T0 + 5 * MIN,
      avg,
      quality,
    });
    const stored = async () => (await agg("price")).map((r) => [r.avg, r.data_quality]);
    expect(
      (await ingestFetchResult(system(), { readings: [], intervals: [price("forecast", 30)] }, opts(T0)))
        .intervalsWritten,
    ).toBe(1);
    await ingestFetchResult(system(), { readings: [], intervals: [price("estimated", 28)] }, opts(T0));
    expect(await stored()).toEqual([[28, "estimated"]]);
    await ingestFetchResult(system(), { readings: [], intervals: [price("billable", 27)] }, opts(T0));
    await ingestFetchResult(system(), { readings: [], intervals: [price("Actual", 26)] }, opts(T0));
    await ingestFetchResult(system(), { readings: [], intervals: [price("forecast", 99)] }, opts(T0));
    expect(await stored()).toEqual([[27, "billable"]]);
    const before = await dump();
    const replay = await ingestFetchResult(system(), { readings: [], intervals: [price("billable", 27)] }, opts(T0));
    expect(replay.intervalsWritten).toBe(0);
    expect(await dump()).toEqual(before);
  });

  describe("intervals are stored once they have ended (live polls)", () => {
    const solar = (min: number, value: number): Reading => ({
      point: TEST_POINTS.solar,
      measurementTimeMs: T0 + min * MIN,
      value,
    });
    /** A poll one minute apart, received 5 s after its reading, as the cron delivers them. */
    const poll = (min: number, readings: Reading[]) =>
      ingestFetchResult(system(), { readings }, opts(T0 + min * MIN + 5_000));
    const live = async (untilMin: number) => {
      const { loadFiveMinuteWindowLive } = await import("@/lib/aggregation");
      const ids = (await rows("SELECT id FROM point_info WHERE system_id = ?", [systemId])).map((r) => Number(r.id));
      return loadFiveMinuteWindowLive(systemId, T0, T0 + untilMin * MIN, ids);
    };

    it("holds the interval in progress in raw and stores it once, on the first poll after it ends", async () => {
      const closed: number[] = [];
      for (let m = 1; m <= 7; m++) {
        const res = await poll(m, [solar(m, m * 100), counter(m, 1000 + m)]);
        expect(res.intervalsRecomputed).toBe(0);
        closed.push(res.intervalsClosed);
      }
      // Minute 5's poll comes after the interval (T0, T0+5] ends: it stores both points' rows; no other poll writes.
      expect(closed).toEqual([0, 0, 0, 0, 1, 0, 0]);
      expect((await agg("solar")).map((r) => [r.interval_end, r.avg, r.sample_count])).toEqual([
        [T0 + 5 * MIN, 300, 5],
      ]);
      expect((await agg("solar_total")).map((r) => r.delta)).toEqual([4]);
      await poll(10, [solar(10, 1000), counter(10, 1010)]);
      expect((await agg("solar")).map((r) => [r.interval_end, r.avg, r.sample_count])).toEqual([
        [T0 + 5 * MIN, 300, 5],
        [T0 + 10 * MIN, (600 + 700 + 1000) / 3, 3],
      ]);
      // No energy lost across the minutes without polls: 1005 → 1010.
      expect((await agg("solar_total")).map((r) => r.delta)).toEqual([4, 5]);
    });

    it("serves an interval that has ended but is not stored yet from raw, as it will be stored", async () => {
      for (let m = 1; m <= 4; m++) await poll(m, [solar(m, m * 100), counter(m, 1000 + 2 * m)]);
      expect(await agg("solar")).toEqual([]);
      expect(await live(4)).toEqual([]); // the interval has not ended at T0+4
      const tail = await live(5);
      expect(tail.map((r) => [r.intervalEndMs, r.avg, r.delta, r.sampleCount])).toEqual([
        [T0 + 5 * MIN, 250, null, 4],
        [T0 + 5 * MIN, 1005, 6, 4],
      ]);
      await poll(6, [solar(6, 600)]); // the next poll closes it
      expect(await agg("solar")).toHaveLength(1);
      expect(await live(5)).toEqual(tail);
    });

    it("a replay of the interval in progress inserts nothing and writes no aggregate", async () => {
      await poll(1, [solar(1, 100)]);
      const before = await dump();
      expect(await poll(2, [solar(1, 100)])).toMatchObject({ readingsInserted: 0, intervalsRecomputed: 0 });
      expect((await dump()).raw).toEqual(before.raw);
      expect(await poll(3, [solar(1, 100), solar(3, 300), solar(3, 300)])).toMatchObject({ readingsInserted: 1 });
    });

    it("logs a counter reset once, when its interval is first stored", async () => {
      const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
      await poll(1, [counter(1, 90_000)]);
      await poll(2, [counter(2, 4)]);
      await poll(6, [counter(6, 10)]);
      await poll(7, [counter(7, 12)]);
      expect((await agg("solar_total")).map((r) => r.delta)).toEqual([0]);
      expect(warn.mock.calls.filter((c) => String(c[0]).includes("counter reset"))).toHaveLength(1);
      warn.mockRestore();
    });

    it("the daily job closes the last interval of a system that went quiet, so its day is whole", async () => {
      const { catchUpDaily } = await import("@/lib/aggregation");
      for (let m = 1; m <= 3; m++) await poll(m, [solar(m, m * 100)]);
      expect(await agg("solar")).toEqual([]);
      await catchUpDaily({ now: new Date(T0 + 2 * 1440 * MIN), systemId });
      expect((await agg("solar")).map((r) => [r.interval_end, r.avg])).toEqual([[T0 + 5 * MIN, 200]]);
      const daily = await rows("SELECT avg, interval_count FROM point_readings_agg_1d WHERE system_id = ?", [systemId]);
      expect(daily).toEqual([{ avg: 200, interval_count: 1 }]);
    });
  });
});
