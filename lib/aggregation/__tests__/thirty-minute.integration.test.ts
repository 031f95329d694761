import { reduceDay, type FiveMinuteStored } from "@/lib/aggregation/daily";
import { loadFiveMinuteWindow } from "@/lib/aggregation/store-five-minute";
import { bucketEndOf, refreshThirtyMinute, THIRTY_MINUTES_MS } from "@/lib/aggregation/thirty-minute";
import { createTestDb, type TestDb } from "@/test/helpers/db";

const FIVE = 300_000;
const HALF = THIRTY_MINUTES_MS;
/** A UTC half hour. */
const T0 = Date.parse("2025-06-01T00:00:00Z");
let t: TestDb;
let nextSystem = 1;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

type Five = Partial<Omit<FiveMinuteStored, "intervalEndMs">> & { point?: number; end: number };

async function writeFive(systemId: number, rows: Five[]) {
  // One batch (one round trip in remote mode).
  await t.db.$client.batch(
    rows.map((r) => ({
      sql:
        "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, " +
        "sample_count, error_count, data_quality, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,'good',0,0) " +
        "ON CONFLICT (system_id, point_id, interval_end) DO UPDATE SET avg = excluded.avg, min = excluded.min, " +
        "max = excluded.max, last = excluded.last, delta = excluded.delta, sample_count = excluded.sample_count, " +
        "error_count = excluded.error_count",
      args: [
        systemId,
        r.point ?? 1,
        r.end,
        r.avg === undefined ? (r.delta === undefined ? 100 : null) : r.avg,
        r.min ?? null,
        r.max ?? null,
        r.last ?? null,
        r.delta ?? null,
        r.sampleCount ?? 5,
        r.errorCount ?? 0,
      ],
    })),
    "write",
  );
}

/** Every stored 30-minute row of a system, by point then bucket end. */
async function thirty(systemId: number) {
  const res = await t.db.$client.execute({
    sql:
      "SELECT point_id, interval_end, avg, min, max, last, delta, sample_count, error_count, interval_count " +
      "FROM point_readings_agg_30m WHERE system_id = ? ORDER BY point_id, interval_end",
    args: [systemId],
  });
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return res.rows.map((r) => ({
    pointId: Number(r.point_id),
    intervalEndMs: Number(r.interval_end),
    avg: num(r.avg),
    min: num(r.min),
    max: num(r.max),
    last: num(r.last),
    delta: num(r.delta),
    sampleCount: Number(r.sample_count),
    errorCount: Number(r.error_count),
    intervalCount: Number(r.interval_count),
  }));
}

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Every stored 30-minute row equals reduceDay() of its bucket's 5-minute rows. */
async function expectMatchesReduceDay(systemId: number) {
  const rows = await thirty(systemId);
  for (const r of rows) {
    const five = await loadFiveMinuteWindow(systemId, r.intervalEndMs - HALF, r.intervalEndMs, [r.pointId]);
    const want = reduceDay(five);
    const { pointId: _p, intervalEndMs: _e, ...got } = r;
    for (const k of ["avg", "min", "max", "last", "delta"] as const) {
      if (!close(got[k], want[k])) throw new Error(`bucket ${r.intervalEndMs} ${k}: ${got[k]} ≠ ${want[k]}`);
    }
    expect([got.sampleCount, got.errorCount, got.intervalCount]).toEqual([
      want.sampleCount,
      want.errorCount,
      want.intervalCount,
    ]);
  }
  return rows;
}

const ends = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + (i + 1) * FIVE);

describe("bucketEndOf", () => {
  it.each([
    [T0 + FIVE, T0 + HALF],
    [T0 + HALF, T0 + HALF], // an interval ending on the half hour closes that bucket
    [T0 + HALF + FIVE, T0 + 2 * HALF],
    [T0 + 6 * HALF, T0 + 6 * HALF],
  ])("%i → %i", (end, bucket) => expect(bucketEndOf(end)).toBe(bucket));
});

describe("refreshThirtyMinute", () => {
  it.each<{ name: string; rows: Five[]; touched?: number[]; buckets: number[] }>([
    {
      name: "a full bucket of power averages",
      rows: ends(T0, 6).map((end, i) => ({ end, avg: 1000 + i * 7.3, min: 900 + i, max: 1100 + i, last: 1010 + i })),
      buckets: [T0 + HALF],
    },
    {
      name: "gaps: two intervals present, interval_count says so",
      rows: [
        { end: T0 + FIVE, avg: 10, min: 1, max: 20, last: 15 },
        { end: T0 + 4 * FIVE, avg: 30, min: 3, max: 40, last: 35 },
      ],
      buckets: [T0 + HALF],
    },
    {
      name: "nulls: null averages skipped, last is the last known value, all-null stays null",
      rows: [
        { end: T0 + FIVE, avg: 5, last: 7 },
        { end: T0 + 2 * FIVE, avg: null, last: 9, errorCount: 5, sampleCount: 5 },
        { end: T0 + 3 * FIVE, avg: 11, last: null },
        { point: 2, end: T0 + FIVE, avg: null, last: null, errorCount: 3 },
      ],
      buckets: [T0 + HALF],
    },
    {
      name: "counters: deltas summed, null deltas skipped, 0 kept",
      rows: [
        { end: T0 + FIVE, delta: 25, last: 10_025 },
        { end: T0 + 2 * FIVE, delta: null },
        { end: T0 + 3 * FIVE, delta: 0, last: 10_025 },
        { end: T0 + 6 * FIVE, delta: 12.5, last: 10_037.5 },
      ],
      buckets: [T0 + HALF],
    },
    {
      name: "intervals on both sides of a half hour land in their own buckets",
      rows: ends(T0 + 3 * FIVE, 6).map((end, i) => ({ end, avg: i, last: i })),
      buckets: [T0 + HALF, T0 + 2 * HALF],
    },
    {
      name: "only touched buckets are written (a bucket between two touched ones stays out)",
      rows: ends(T0, 18).map((end, i) => ({ end, avg: i * 2, last: i })),
      touched: [T0 + FIVE, T0 + 3 * HALF],
      buckets: [T0 + HALF, T0 + 3 * HALF],
    },
    {
      name: "300 points in one run (IN lists are chunked)",
      rows: Array.from({ length: 300 }, (_, p) => ends(T0, 2).map((end) => ({ point: p + 1, end, avg: p }))).flat(),
      buckets: [T0 + HALF],
    },
    {
      name: "150 separate buckets of one point (statements are chunked)",
      rows: Array.from({ length: 150 }, (_, i) => ({ end: T0 + 2 * i * HALF + FIVE, avg: i, delta: i })),
      buckets: Array.from({ length: 150 }, (_, i) => T0 + (2 * i + 1) * HALF),
    },
  ])("$name", async ({ rows, touched, buckets }) => {
    const systemId = nextSystem++;
    await writeFive(systemId, rows);
    const items = (touched ?? rows.map((r) => r.end)).flatMap((end) =>
      [...new Set(rows.map((r) => r.point ?? 1))].map((pointId) => ({ pointId, intervalEndMs: end })),
    );
    await refreshThirtyMinute(systemId, items);
    const stored = await expectMatchesReduceDay(systemId);
    expect([...new Set(stored.map((r) => r.intervalEndMs))].sort((a, b) => a - b)).toEqual(buckets);
    const points = new Set(rows.map((r) => r.point ?? 1)).size;
    expect(stored.length).toBeGreaterThanOrEqual(buckets.length);
    expect(stored.length).toBeLessThanOrEqual(buckets.length * points);
  });

  it("rewrites a bucket when one of its 5-minute rows changes; an unchanged refresh writes nothing", async () => {
    const systemId = nextSystem++;
    await writeFive(
      systemId,
      ends(T0, 12).map((end, i) => ({ end, avg: 100 + i, last: 100 + i, delta: 1 })),
    );
    const all = ends(T0, 12).map((end) => ({ pointId: 1, intervalEndMs: end }));
    await refreshThirtyMinute(systemId, all, 1_000);
    const updatedAt = async () =>
      (
        await t.db.$client.execute({
          sql: "SELECT interval_end, updated_at FROM point_readings_agg_30m WHERE system_id = ? ORDER BY interval_end",
          args: [systemId],
        })
      ).rows.map((r) => [Number(r.interval_end), Number(r.updated_at)]);
    expect(await updatedAt()).toEqual([
      [T0 + HALF, 1_000],
      [T0 + 2 * HALF, 1_000],
    ]);

    // Idempotent: the same refresh later changes nothing, not even updated_at.
    await refreshThirtyMinute(systemId, all, 2_000);
    expect(await updatedAt()).toEqual([
      [T0 + HALF, 1_000],
      [T0 + 2 * HALF, 1_000],
    ]);

    // A late value for the last interval of the second bucket: only that bucket is rewritten.
    await writeFive(systemId, [{ end: T0 + 12 * FIVE, avg: 5_000, last: 4_999, delta: 50 }]);
    await refreshThirtyMinute(systemId, [{ pointId: 1, intervalEndMs: T0 + 12 * FIVE }], 3_000);
    expect(await updatedAt()).toEqual([
      [T0 + HALF, 1_000],
      [T0 + 2 * HALF, 3_000],
    ]);
    const rows = await expectMatchesReduceDay(systemId);
    expect(rows[1]).toMatchObject({ last: 4_999, delta: 55, max: null, intervalCount: 6 });
  });

  it("merges two systems' calls of one turn into one write batch", async () => {
    const a = nextSystem++;
    const b = nextSystem++;
    await writeFive(
      a,
      ends(T0, 6).map((end, i) => ({ end, avg: i, delta: 2 })),
    );
    await writeFive(
      b,
      ends(T0, 6).map((end, i) => ({ end, avg: 10 * i, delta: 3 })),
    );
    const batch = jest.spyOn(t.db.$client, "batch");
    try {
      await Promise.all([
        refreshThirtyMinute(
          a,
          ends(T0, 6).map((end) => ({ pointId: 1, intervalEndMs: end })),
        ),
        refreshThirtyMinute(
          b,
          ends(T0, 6).map((end) => ({ pointId: 1, intervalEndMs: end })),
        ),
      ]);
      expect(batch).toHaveBeenCalledTimes(1);
    } finally {
      batch.mockRestore();
    }
    expect((await expectMatchesReduceDay(a)).map((r) => r.delta)).toEqual([12]);
    expect((await expectMatchesReduceDay(b)).map((r) => r.delta)).toEqual([18]);
  });

  it("does nothing for no items", async () => {
    await expect(refreshThirtyMinute(nextSystem++, [])).resolves.toBeUndefined();
  });
});
