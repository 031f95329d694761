import type { HistoryAggregation } from "@/lib/api/contracts";
import { reduceDay, type FiveMinuteRow } from "@/lib/aggregation";
import { loadFiveMinuteWindowLive, loadOpenTail } from "@/lib/aggregation/open-tail";
import type { StoredFiveMinute } from "@/lib/aggregation/store-five-minute";
import { bucketEndOf, refreshThirtyMinute } from "@/lib/aggregation/thirty-minute";
import { queryHistory } from "@/lib/history";
import { dayBounds, localDay } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertSolarSystem, TEST_VENDOR } from "@/test/helpers/test-vendor";

// The open tail (intervals not stored yet) is the lead's lib/aggregation/open-tail.ts: here a stand-in that serves
// `mockTail` rows the same way (stored rows plus the tail, a tail row replacing a stored one at its end).
const mockTail: { rows: FiveMinuteRow[] } = { rows: [] };
jest.mock("@/lib/aggregation/open-tail", () => {
  const store = jest.requireActual("@/lib/aggregation/store-five-minute");
  const tail = (ids: number[], afterMs: number, untilMs: number) =>
    mockTail.rows.filter((r) => ids.includes(r.pointId) && r.intervalEndMs > afterMs && r.intervalEndMs <= untilMs);
  return {
    loadOpenTail: jest.fn(async (_s: number, ids: number[], afterMs: number, untilMs: number) =>
      tail(ids, afterMs, untilMs),
    ),
    loadFiveMinuteWindowLive: jest.fn(async (s: number, afterMs: number, untilMs: number, ids: number[]) => {
      const extra = tail(ids, afterMs, untilMs);
      const stored = (await store.loadFiveMinuteWindow(s, afterMs, untilMs, ids)) as StoredFiveMinute[];
      const replaced = new Set(extra.map((r) => `${r.pointId}:${r.intervalEndMs}`));
      return [...stored.filter((r) => !replaced.has(`${r.pointId}:${r.intervalEndMs}`)), ...extra].sort(
        (a, b) => a.pointId - b.pointId || a.intervalEndMs - b.intervalEndMs,
      );
    }),
  };
});
const openTail = jest.mocked(loadOpenTail);
const live = jest.mocked(loadFiveMinuteWindowLive);

const MIN = 60_000;
const FIVE = 5 * MIN;
const HALF = 30 * MIN;
const DAY = 86_400_000;
/** The newest stored interval ends 5 minutes after a half hour; the tail holds the next two (one in progress). */
const HALF_HOUR = Date.parse("2025-06-10T10:30:00Z");
const MARK = HALF_HOUR + FIVE;
const NOW = HALF_HOUR + 12 * MIN;
const ZONE = "UTC";

let t: TestDb;
let systemId: number;
let power: number;
let energy: number;

/** Power averages with a gap and nulls; energy deltas for a counter. */
const powerAt = (i: number) => (i % 97 === 5 ? null : 1000 + ((i * 37) % 400) + i / 7);
const energyAt = (i: number) => (i % 89 === 3 ? null : 20 + (i % 13));

beforeAll(async () => {
  t = await createTestDb();
  ({ systemId, power, energy } = await insertSolarSystem(t.db, ZONE));
  // Three days of stored 5-minute rows up to MARK, with a missing hour.
  const items: Array<{ pointId: number; intervalEndMs: number }> = [];
  for (let i = 0, end = MARK - 3 * DAY + FIVE; end <= MARK; i++, end += FIVE) {
    if (end > MARK - DAY && end <= MARK - DAY + 60 * MIN) continue;
    const p = powerAt(i);
    await t.db.$client.execute({
      sql:
        "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, " +
        "sample_count, error_count, data_quality, created_at, updated_at) VALUES " +
        "(?,?,?,?,?,?,?,NULL,5,0,'good',0,0), (?,?,?,NULL,NULL,NULL,?,?,5,0,'good',0,0)",
      args: [systemId, power, end, p, p, p, p, systemId, energy, end, 10_000 + i, energyAt(i)],
    });
    items.push({ pointId: power, intervalEndMs: end }, { pointId: energy, intervalEndMs: end });
  }
  await refreshThirtyMinute(systemId, items);
  // Intervals up to MARK are stored (closed); buckets after its half hour are reduced on read.
  await t.db.$client.execute({
    sql: "INSERT INTO aggregation_state (system_id, five_minute_through, updated_at) VALUES (?, ?, 0)",
    args: [systemId, MARK],
  });
  const tailRow = (pointId: number, end: number, avg: number | null, delta: number | null): FiveMinuteRow => ({
    pointId,
    intervalEndMs: end,
    avg,
    min: avg,
    max: avg,
    last: avg ?? 99_999,
    delta,
    valueStr: null,
    sampleCount: 2,
    errorCount: 0,
    dataQuality: "good",
  });
  mockTail.rows = [
    // Only intervals after the mark are ever in the tail (late readings for closed ones are stored on arrival).
    tailRow(power, MARK + FIVE, 5000.5, null),
    tailRow(energy, MARK + FIVE, null, 30),
    tailRow(power, MARK + 2 * FIVE, 6000.125, null), // in progress at NOW
    tailRow(energy, MARK + 2 * FIVE, null, 12),
  ];
});
afterAll(() => t.cleanup());
beforeEach(() => {
  openTail.mockClear();
  live.mockClear();
});

async function history(startMs: number, endMs: number, aggregation?: HistoryAggregation) {
  return queryHistory({
    systems: [{ id: systemId, displayTimezone: ZONE, vendorType: TEST_VENDOR }],
    pointKeys: [String(power), String(energy)],
    startMs,
    endMs,
    aggregation,
    nowMs: NOW,
  });
}

/** Every 5-minute row as readers see it: stored plus tail. */
async function allFive(): Promise<StoredFiveMinute[]> {
  return (await loadFiveMinuteWindowLive(systemId, 0, Number.MAX_SAFE_INTEGER, [power, energy])).map((r) => ({
    ...r,
  }));
}

const value = (pointId: number, r: { avg: number | null; delta: number | null }) =>
  pointId === energy ? r.delta : r.avg;

async function expected(level: "5m" | "30m", startMs: number, endMs: number) {
  const rows = await allFive();
  live.mockClear();
  openTail.mockClear();
  const out = new Map<number, Array<[number, number | null]>>();
  for (const pointId of [power, energy]) {
    const mine = rows.filter((r) => r.pointId === pointId);
    if (level === "5m") {
      out.set(
        pointId,
        mine
          .filter((r) => r.intervalEndMs > startMs && r.intervalEndMs <= endMs)
          .map((r) => [r.intervalEndMs, value(pointId, r)]),
      );
      continue;
    }
    const buckets = new Map<number, StoredFiveMinute[]>();
    for (const r of mine) {
      const b = bucketEndOf(r.intervalEndMs);
      if (b > startMs && b <= endMs) buckets.set(b, [...(buckets.get(b) ?? []), r]);
    }
    out.set(
      pointId,
      [...buckets].sort((a, b) => a[0] - b[0]).map(([b, group]) => [b, value(pointId, reduceDay(group))]),
    );
  }
  return out;
}

function expectSeries(level: "5m" | "30m", got: Array<[number, number | null]>, want: Array<[number, number | null]>) {
  // 5-minute values come back bit for bit (values like 1000 + i / 7 need 17 significant digits).
  if (level === "5m") return expect(got).toEqual(want);
  expect(got.map(([time]) => time)).toEqual(want.map(([time]) => time));
  got.forEach(([, v], i) => {
    const w = want[i][1];
    if (v === null || w === null) expect(v).toBe(w);
    // Stored buckets are reduced by SQLite (its sum may round the last bit differently from JS).
    else expect(Math.abs(v - w)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(w)));
  });
}

describe("queryHistory at 5m and 30m, intervals in progress included", () => {
  it.each([
    // name, level asked (undefined = automatic), start, end, level answered, tail reads, live-window reads
    ["7D ending now: 30m, newest bucket is the last whole half hour", undefined, NOW - 7 * DAY, NOW, "30m", 0, 0],
    [
      "7D to tomorrow (dashboard): the bucket in progress is reduced from 5-minute rows",
      undefined,
      NOW - 6 * DAY,
      NOW + DAY,
      "30m",
      0,
      1,
    ],
    ["3 days ending before the mark: stored buckets only", undefined, NOW - 4 * DAY, NOW - DAY, "30m", 0, 0],
    ["window starting inside the bucket in progress", "30m", HALF_HOUR + MIN, NOW + HALF, "30m", 0, 1],
    ["window ending at the end of the bucket in progress", "30m", NOW - 2 * DAY, HALF_HOUR + HALF, "30m", 0, 1],
    ["24H ending now: 5m with the tail rows", undefined, NOW - DAY, NOW, "5m", 1, 0],
    ["1D to tomorrow: the interval in progress too", "5m", NOW - DAY, NOW + DAY, "5m", 1, 0],
    ["7D at 5m explicitly", "5m", NOW - 7 * DAY, NOW + DAY, "5m", 1, 0],
    ["5m ending before the tail", "5m", NOW - 2 * DAY, MARK - 10 * FIVE, "5m", 1, 0],
  ] as const)("%s", async (_n, asked, startMs, endMs, level, tailReads, liveReads) => {
    const want = await expected(level, startMs, endMs);
    const res = await history(startMs, endMs, asked);
    expect(res.aggregation).toBe(level);
    expect(res.series.map((s) => [s.pointId, s.field])).toEqual([
      [power, "avg"],
      [energy, "delta"],
    ]);
    for (const s of res.series) expectSeries(level, s.data, want.get(s.pointId)!);
    expect(openTail).toHaveBeenCalledTimes(tailReads);
    expect(live).toHaveBeenCalledTimes(liveReads);
  });

  it("the bucket in progress adds the intervals not stored yet to the stored one", async () => {
    const res = await history(NOW - 7 * DAY, NOW + DAY);
    const [p, e] = res.series.map((s) => s.data[s.data.length - 1]);
    const mark = await t.db.$client.execute({
      sql: "SELECT point_id, avg, delta FROM point_readings_agg_5m WHERE system_id = ? AND interval_end = ? ORDER BY 1",
      args: [systemId, MARK],
    });
    const [markPower, markEnergy] = mark.rows;
    expect(p).toEqual([HALF_HOUR + HALF, (Number(markPower.avg) + 5000.5 + 6000.125) / 3]);
    expect(e).toEqual([HALF_HOUR + HALF, Number(markEnergy.delta) + 30 + 12]);
    // The bucket before it is the stored row, untouched.
    const stored = await t.db.$client.execute({
      sql: "SELECT avg FROM point_readings_agg_30m WHERE system_id = ? AND point_id = ? AND interval_end = ?",
      args: [systemId, power, HALF_HOUR],
    });
    expect(res.series[0].data[res.series[0].data.length - 2]).toEqual([HALF_HOUR, stored.rows[0].avg]);
  });

  it("a week is 336 half hours a series at most", async () => {
    const res = await history(NOW - 7 * DAY, NOW);
    for (const s of res.series) expect(s.data.length).toBeLessThanOrEqual(336);
    expect(res.series[0].data.length).toBeGreaterThan(100);
  });

  it("today's daily value includes the tail up to now", async () => {
    const res = await history(NOW - 30 * DAY, NOW);
    expect(res.aggregation).toBe("daily");
    const todayStart = dayBounds(localDay(NOW, ZONE), ZONE).startMs;
    const rows = (await allFive()).filter((r) => r.intervalEndMs > todayStart && r.intervalEndMs <= NOW);
    for (const s of res.series) {
      const v = reduceDay(rows.filter((r) => r.pointId === s.pointId));
      expect(s.data).toEqual([[todayStart, value(s.pointId, v)]]);
    }
    expect(rows.some((r) => r.intervalEndMs === MARK + FIVE)).toBe(true);
  });

  it("30m over 35 days is refused, pointing at daily", async () => {
    await expect(history(NOW - 40 * DAY, NOW, "30m")).rejects.toThrow(/Use aggregation=daily/);
  });
});
