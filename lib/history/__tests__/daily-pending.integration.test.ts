import { catchUpDaily, markDaysPending } from "@/lib/aggregation";
import { queryHistory } from "@/lib/history";
import { dayBounds } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertSolarSystem, TEST_VENDOR } from "@/test/helpers/test-vendor";

const ZONE = "Australia/Adelaide";
const FIVE = 300_000;
const NOW = Date.parse("2025-06-12T03:00:00Z"); // 12:30 local on 12 June
let t: TestDb;
let systemId: number;
let power: number;
let energy: number;

/** One local day of 5-minute rows: power avg 1000 + i, energy delta 10 (2,880 Wh a whole day). */
async function storeDay(day: string) {
  const { startMs, endMs } = dayBounds(day, ZONE);
  const ends: number[] = [];
  for (let end = startMs + FIVE, i = 0; end <= Math.min(endMs, NOW); end += FIVE, i++) {
    ends.push(end);
    await t.db.$client.execute({
      sql:
        "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, " +
        "sample_count, error_count, data_quality, created_at, updated_at) VALUES " +
        "(?,?,?,?,?,?,?,NULL,5,0,'good',0,0), (?,?,?,NULL,NULL,NULL,?,10,5,0,'good',0,0)",
      args: [systemId, power, end, 1000 + i, 1000 + i, 1000 + i, 1000 + i, systemId, energy, end, i * 10],
    });
  }
  await markDaysPending(systemId, ends, ZONE);
}

const daily = async () =>
  (
    await queryHistory({
      systems: [{ id: systemId, displayTimezone: ZONE, vendorType: TEST_VENDOR }],
      pointKeys: [String(power), String(energy)],
      startMs: dayBounds("2025-06-09", ZONE).startMs,
      endMs: NOW,
      aggregation: "daily",
      nowMs: NOW,
    })
  ).series.map((s) => s.data);

beforeAll(async () => {
  t = await createTestDb();
  ({ systemId, power, energy } = await insertSolarSystem(t.db, ZONE));
  for (const day of ["2025-06-10", "2025-06-11", "2025-06-12"]) await storeDay(day);
});
afterAll(() => t.cleanup());

describe("daily history before the roll-up has run", () => {
  it("shows ended days still pending from their 5-minute rows, and the same numbers once rolled up", async () => {
    const start = (day: string) => dayBounds(day, ZONE).startMs;
    const before = await daily();
    // No daily rows yet: every day comes from the 5-minute rows (12 June is today, so far).
    expect(before[1]).toEqual([
      [start("2025-06-10"), 2880],
      [start("2025-06-11"), 2880],
      [start("2025-06-12"), 10 * ((NOW - start("2025-06-12")) / FIVE)],
    ]);
    expect(before[0].map(([day]) => day)).toEqual([start("2025-06-10"), start("2025-06-11"), start("2025-06-12")]);

    await catchUpDaily({ now: new Date(NOW) });
    const stored = await t.db.$client.execute({
      sql: "SELECT day FROM point_readings_agg_1d WHERE system_id = ? ORDER BY day",
      args: [systemId],
    });
    expect([...new Set(stored.rows.map((r) => r.day))]).toEqual(["2025-06-10", "2025-06-11"]);
    expect(await daily()).toEqual(before);
  });
});
