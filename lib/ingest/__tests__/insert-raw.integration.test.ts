import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import type { RawReadingRow } from "@/lib/db/queries/readings";
import { insertRawReadings } from "../insert-raw";

const T = Date.UTC(2025, 5, 1, 2, 0, 0);
let t: TestDb;
let a: number;
let b: number;

const reading = (pointId: number, timeMs: number, value: number | null, more: Partial<RawReadingRow> = {}) => ({
  pointId,
  timeMs,
  value,
  valueStr: null,
  quality: 0,
  ...more,
});
const view = async (systemId: number) =>
  (
    await t.db.$client.execute({
      sql:
        "SELECT point_id, measurement_time, value, value_str, data_quality, session_id FROM point_readings " +
        "WHERE system_id = ? ORDER BY measurement_time, point_id",
      args: [systemId],
    })
  ).rows.map((r) => Object.values(r));
const packedRows = async (systemId: number) =>
  Number(
    (
      await t.db.$client.execute({
        sql: "SELECT count(*) AS n FROM poll_readings WHERE system_id = ?",
        args: [systemId],
      })
    ).rows[0].n,
  );

beforeAll(async () => {
  t = await createTestDb();
  a = await insertTestSystem(t.db, { siteId: "raw-a" });
  b = await insertTestSystem(t.db, { siteId: "raw-b" });
});
afterAll(() => t.cleanup());

/** The identity of each reading reported new. */
const keys = (rows: Array<{ pointId: number; timeMs: number }>) =>
  rows.map(({ pointId, timeMs }) => ({ pointId, timeMs }));

describe("insertRawReadings (one packed row per system and time)", () => {
  it("stores every kind of reading exactly, one row per measurement time", async () => {
    const rows = [
      reading(1, T, 0.1 + 0.2),
      reading(2, T, -1e-7),
      reading(3, T, null, { valueStr: "Charging" }),
      reading(4, T, 12.5, { quality: 1 }),
      reading(5, T, null),
      reading(6, T, Number.POSITIVE_INFINITY, { quality: 2 }),
      reading(1, T + 60_000, 123456.78901234567),
    ];
    const inserted = keys(await insertRawReadings(a, rows, 41));
    expect(inserted).toEqual(rows.map((r) => ({ pointId: r.pointId, timeMs: r.timeMs })));
    expect(await packedRows(a)).toBe(2);
    expect(await view(a)).toEqual([
      [1, T, 0.1 + 0.2, null, 0, 41],
      [2, T, -1e-7, null, 0, 41],
      [3, T, null, "Charging", 0, 41],
      [4, T, 12.5, null, 1, 41],
      [5, T, null, null, 0, 41],
      [6, T, null, null, 2, 41],
      [1, T + 60_000, 123456.78901234567, null, 0, 41],
    ]);
  });

  it("a replay reports only the readings that were new; stored readings win and nothing is duplicated", async () => {
    const before = await view(a);
    const replay = [reading(1, T, 999), reading(7, T, 7.5), reading(1, T + 60_000, 1), reading(1, T + 120_000, 3)];
    const inserted = keys(await insertRawReadings(a, replay, 42));
    expect(inserted).toEqual([
      { pointId: 7, timeMs: T },
      { pointId: 1, timeMs: T + 120_000 },
    ]);
    expect(await packedRows(a)).toBe(3);
    const after = await view(a);
    expect(after).toEqual(
      expect.arrayContaining([...before, [7, T, 7.5, null, 0, 41], [1, T + 120_000, 3, null, 0, 42]]),
    );
    expect(after).toHaveLength(before.length + 2);
    // The same replay again: nothing new.
    expect(await insertRawReadings(a, replay, 43)).toEqual([]);
    expect(await view(a)).toEqual(after);
  });

  it("a duplicate inside one call counts once (the first copy is stored)", async () => {
    const inserted = keys(await insertRawReadings(b, [reading(1, T, 5), reading(1, T, 6), reading(2, T, 7)], null));
    expect(inserted).toEqual([
      { pointId: 1, timeMs: T },
      { pointId: 2, timeMs: T },
    ]);
    expect((await view(b)).map((r) => r.slice(0, 3))).toEqual([
      [1, T, 5],
      [2, T, 7],
    ]);
  });

  it("polls finishing in the same turn share one write, and a replay among them stays exact", async () => {
    const [fromA, fromB] = await Promise.all([
      insertRawReadings(a, [reading(1, T, 1), reading(1, T + 180_000, 4)], null),
      insertRawReadings(b, [reading(1, T + 60_000, 8), reading(2, T + 60_000, 9)], null),
    ]);
    expect(keys(fromA)).toEqual([{ pointId: 1, timeMs: T + 180_000 }]);
    expect(keys(fromB)).toEqual([
      { pointId: 1, timeMs: T + 60_000 },
      { pointId: 2, timeMs: T + 60_000 },
    ]);
    expect(await packedRows(b)).toBe(2);
  });
});
