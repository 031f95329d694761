/**
 * Km driven and cost per 100 km in the monthly EV summary, from the vehicle's odometer point
 * (`load.ev.vehicle_odometer/code`, km): known only with two readings to compare, never 0 for want of data.
 */
import { constant, put5m, systemWith } from "@/lib/accounts/__tests__/fixtures";
import { tariffPlanInputSchema } from "@/lib/tariffs";
import { createPlan } from "@/lib/tariffs/plans";
import { dayBounds } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { chargingSessionsResponse } from "..";

const ZONE = "Australia/Brisbane";
const DAY = "2026-11-18";
const H = 3_600_000;
const { startMs, endMs } = dayBounds(DAY, ZONE);
const NOW = endMs + 2 * H;
const PLAN = tariffPlanInputSchema.parse({
  name: "Flat",
  effectiveFrom: "2026-01-01",
  supply: { centsPerDay: 100 },
  import: { kind: "flat", centsPerKwh: 30 },
  feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
});
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  await insertTestUser(t.db, "owner");
});
afterAll(() => t.cleanup());

/** A home on the grid only; the car charges 7 kW 10:00–12:00 at home (14 kWh, all from the grid at 30 c/kWh). */
async function home(odometer: Array<[number, number]>) {
  const s = await systemWith(t.db, ZONE, {
    grid: "bidi.grid/power",
    load: "load/power",
    ev: "load.ev/power",
    odo: "load.ev.vehicle_odometer/code",
  });
  await createPlan(s.id, PLAN, "owner");
  const ev = constant(startMs, endMs, 0).map(([e]): [number, { avg: number }] => [
    e,
    { avg: e > startMs + 10 * H && e <= startMs + 12 * H ? 7000 : 0 },
  ]);
  await put5m(t.db, s.id, s.p.ev, ev);
  await put5m(
    t.db,
    s.id,
    s.p.load,
    ev.map(([e, a]) => [e, { avg: a.avg + 500 }]),
  );
  await put5m(
    t.db,
    s.id,
    s.p.grid,
    ev.map(([e, a]) => [e, { avg: a.avg + 500 }]),
  );
  await put5m(
    t.db,
    s.id,
    s.p.odo,
    odometer.map(([e, km]) => [e, { avg: km, last: km }]),
  );
  return s.id;
}

describe("km driven and cost per 100 km", () => {
  it.each<[string, Array<[number, number]>, number | null]>([
    [
      "a reading before the month and the newest in it",
      [
        [startMs - 30 * 86_400_000, 10_000],
        [startMs + 9 * H, 10_020],
        [startMs + 18 * H, 10_175.5],
      ],
      175.5,
    ],
    [
      "no reading before the month: from its first reading",
      [
        [startMs + 9 * H, 10_020],
        [startMs + 18 * H, 10_120],
      ],
      100,
    ],
    ["one reading only: unknown", [[startMs + 9 * H, 10_020]], null],
    ["no odometer readings: unknown", [], null],
  ])("%s", async (_name, odometer, km) => {
    const id = await home(odometer);
    const res = await chargingSessionsResponse(id, { from: "2026-11-01", to: "2026-11-30" }, NOW);
    expect(res.sessions).toHaveLength(1);
    const [m] = res.months;
    expect(m.costCents).toBeCloseTo(14 * 30, 6);
    if (km === null) {
      expect(m).toMatchObject({ kmDriven: null, costPer100KmCents: null });
    } else {
      expect(m.kmDriven).toBeCloseTo(km, 6);
      expect(m.costPer100KmCents).toBeCloseTo(((14 * 30) / km) * 100, 6);
    }
  });
});
