import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { reduceFiveMinute, type AggPoint, type Sample } from "../five-minute";
import { reduceRangesSql, upsertRangesSql } from "../sql-five-minute";

const MIN = 60_000;
const T0 = Date.UTC(2025, 5, 1, 0, 0, 0);

/** One point of each kind the reducer treats differently. */
const POINTS: Array<AggPoint & { originId: string }> = [
  { id: 1, originId: "power", transform: null, metricType: "power" },
  { id: 2, originId: "grid", transform: "i", metricType: "power" },
  { id: 3, originId: "counter", transform: "d", metricType: "energy" },
  { id: 4, originId: "interval_energy", transform: null, metricType: "energy" },
  { id: 5, originId: "status", transform: null, metricType: "text" },
  { id: 6, originId: "price", transform: null, metricType: "cost" },
];

/** A deterministic pseudo-random stream (no flakes, still many shapes). */
function lcg(seed: number) {
  let x = seed;
  return () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

let t: TestDb;
let systemId: number;
beforeAll(async () => {
  t = await createTestDb();
  systemId = await insertTestSystem(t.db);
  for (const p of POINTS) {
    await t.db.$client.execute({
      sql:
        "INSERT INTO point_info (system_id, id, origin_id, origin_sub_id, point_name, display_name, metric_type, " +
        "metric_unit, transform, created, updated_at) VALUES (?, ?, ?, '', ?, ?, ?, 'W', ?, 0, 0)",
      args: [systemId, p.id, p.originId, p.originId, p.originId, p.metricType, p.transform],
    });
  }
});
afterAll(() => t.cleanup());

/** Raw samples for 2 hours: gaps, errors, null values, estimated/interpolated, counter resets, fractions. */
function generate(seed: number): Map<number, Sample[]> {
  const rand = lcg(seed);
  const out = new Map<number, Sample[]>();
  for (const p of POINTS) {
    const samples: Sample[] = [];
    let counter = 10_000 + seed;
    for (let s = 0; s < 120 * 4; s++) {
      const r = rand();
      if (r < 0.25) continue; // gaps: some intervals empty, some with one sample
      const timeMs = T0 + s * 15_000 + (s % 4 === 0 ? 0 : Math.floor(rand() * 14_000));
      const quality = r < 0.3 ? 1 : r < 0.33 ? 2 : r < 0.35 ? 3 : 0;
      if (p.transform === "d") counter = rand() < 0.01 ? rand() * 50 : counter + rand() * 20;
      const value = rand() < 0.03 ? null : p.transform === "d" ? counter : (rand() - 0.3) * 5000 + 0.1;
      samples.push({ timeMs, value, valueStr: p.metricType === "text" ? `s${s}` : null, quality });
    }
    const unique = [...new Map(samples.map((x) => [x.timeMs, x])).values()].sort((a, b) => a.timeMs - b.timeMs);
    out.set(p.id, unique);
  }
  return out;
}

async function store(data: Map<number, Sample[]>) {
  await t.db.$client.execute({ sql: "DELETE FROM point_readings WHERE system_id = ?", args: [systemId] });
  await t.db.$client.execute({ sql: "DELETE FROM point_readings_agg_5m WHERE system_id = ?", args: [systemId] });
  // One batch (one round trip in remote mode) for the samples.
  const inserts = [...data].flatMap(([pointId, samples]) =>
    samples.map((s) => ({
      sql: "INSERT INTO point_readings VALUES (?, ?, ?, ?, ?, ?, NULL)",
      args: [systemId, pointId, s.timeMs, s.value, s.valueStr, s.quality],
    })),
  );
  await t.db.$client.batch(inserts, "write");
}

/** The JS reference over (after, until]: intervals in order, the counter carried from before the range. */
function reference(data: Map<number, Sample[]>, afterMs: number, untilMs: number) {
  const rows = [];
  for (const p of POINTS) {
    const all = data.get(p.id)!;
    const before = all.filter((s) => s.timeMs <= afterMs && s.quality !== 1 && s.value !== null);
    let carry = before.length ? (before[before.length - 1].value as number) : null;
    const byEnd = new Map<number, Sample[]>();
    for (const s of all.filter((x) => x.timeMs > afterMs && x.timeMs <= untilMs)) {
      const end = Math.ceil(s.timeMs / 300_000) * 300_000;
      if (!byEnd.has(end)) byEnd.set(end, []);
      byEnd.get(end)!.push(s);
    }
    for (const [end, samples] of [...byEnd].sort((a, b) => a[0] - b[0])) {
      const { row } = reduceFiveMinute(p, end, samples, carry);
      rows.push(row);
      if (p.transform === "d" && row.last !== null) carry = row.last;
    }
  }
  return rows.sort((a, b) => a.pointId - b.pointId || a.intervalEndMs - b.intervalEndMs);
}

function expectSame(actual: Awaited<ReturnType<typeof reduceRangesSql>>, expected: ReturnType<typeof reference>) {
  expect(actual.map((r) => [r.pointId, r.intervalEndMs])).toEqual(expected.map((r) => [r.pointId, r.intervalEndMs]));
  actual.forEach((a, i) => {
    const e = expected[i];
    for (const k of ["avg", "min", "max", "last", "delta"] as const) {
      if (e[k] === null) expect(a[k]).toBeNull();
      else expect(a[k]).toBeCloseTo(e[k] as number, 6);
    }
    expect([a.valueStr, a.sampleCount, a.errorCount, a.dataQuality]).toEqual([
      e.valueStr,
      e.sampleCount,
      e.errorCount,
      e.dataQuality,
    ]);
  });
}

describe("the SQL 5-minute reducer matches reduceFiveMinute", () => {
  it.each([1, 2, 3, 4, 5])("random data, seed %i: whole range, split ranges and a range per point", async (seed) => {
    const data = generate(seed);
    await store(data);
    const end = T0 + 120 * MIN;
    expectSame(
      await reduceRangesSql([{ systemId, pointIds: null, afterMs: T0, untilMs: end }]),
      reference(data, T0, end),
    );
    // Ranges that start mid-stream take the counter from the readings before them.
    const mid = T0 + 55 * MIN;
    expectSame(
      await reduceRangesSql([{ systemId, pointIds: null, afterMs: mid, untilMs: end }]),
      reference(data, mid, end),
    );
    const perPoint = POINTS.map((p) => ({ systemId, pointIds: [p.id], afterMs: mid, untilMs: end }));
    expectSame(await reduceRangesSql(perPoint), reference(data, mid, end));
  });

  it("stores what it reduces, and finds counter resets with their values", async () => {
    const data = generate(7);
    data.set(3, [
      { timeMs: T0 + MIN, value: 500, valueStr: null, quality: 0 },
      { timeMs: T0 + 2 * MIN, value: 510, valueStr: null, quality: 0 },
      { timeMs: T0 + 3 * MIN, value: 4, valueStr: null, quality: 0 },
      { timeMs: T0 + 7 * MIN, value: 9, valueStr: null, quality: 0 },
    ]);
    await store(data);
    const range = { systemId, pointIds: null, afterMs: T0, untilMs: T0 + 60 * MIN };
    const resets = await upsertRangesSql([range], null, 1);
    const stored = await t.db.$client.execute({
      sql: "SELECT interval_end, delta FROM point_readings_agg_5m WHERE system_id = ? AND point_id = 3 ORDER BY 1",
      args: [systemId],
    });
    expect(stored.rows.map((r) => [Number(r.interval_end), r.delta])).toEqual([
      [T0 + 5 * MIN, 10],
      [T0 + 10 * MIN, 5],
    ]);
    expect(resets).toEqual([{ systemId, pointId: 3, timeMs: T0 + 3 * MIN, from: 510, to: 4 }]);
  });
});
