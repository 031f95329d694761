/**
 * Vehicle points (`load.ev.vehicle/…`): a session the home's charger did not see comes from the vehicle's charging state
 * and energy added; far from the system's location it is away (no solar share, cost or emissions, and says so),
 * near it at home. The daily step stores the day once however often it runs.
 */
import { constant, put5m, systemWith } from "@/lib/accounts/__tests__/fixtures";
import { dayBounds } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { computeSessions, sessionsAfterDaily } from "../sessions";
import { loadSessions } from "../store";

const ZONE = "Australia/Melbourne";
const DAY = "2026-11-18";
const H = 3_600_000;
const FIVE = 300_000;
const HOME = { lat: -37.81, lng: 144.96 };
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  await insertTestUser(t.db, "owner");
});
afterAll(() => t.cleanup());

/** Vehicle rows: text (charging state) in value_str, numbers in last. */
async function putVehicle(systemId: number, pointId: number, rows: Array<[number, number | string]>) {
  for (const [end, v] of rows) {
    await t.db.$client.execute({
      sql:
        "INSERT OR REPLACE INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, " +
        "value_str, sample_count, error_count, data_quality, created_at, updated_at) VALUES (?,?,?,?,?,?,?,NULL,?,1,0,'good',0,0)",
      args:
        typeof v === "string"
          ? [systemId, pointId, end, null, null, null, null, v]
          : [systemId, pointId, end, v, v, v, v, null],
    });
  }
}

async function carSystem(lat: number, lng: number) {
  const s = await systemWith(t.db, ZONE, {
    solar: "source.solar/power",
    grid: "bidi.grid/power",
    ev: "load.ev/power",
    soc: "load.ev.vehicle/soc",
    state: "load.ev.vehicle/text",
    added: "load.ev.vehicle/energy",
    lat: "load.ev.vehicle_lat/code",
    lng: "load.ev.vehicle_lng/code",
  });
  await t.db.$client.execute({
    sql: "UPDATE systems SET location = ? WHERE id = ?",
    args: [JSON.stringify(HOME), s.id],
  });
  const { startMs, endMs } = dayBounds(DAY, ZONE);
  await put5m(t.db, s.id, s.p.solar, constant(startMs, endMs, 2000));
  await put5m(t.db, s.id, s.p.grid, constant(startMs, endMs, -1500));
  await put5m(t.db, s.id, s.p.ev, constant(startMs, endMs, 0)); // the home charger sees nothing
  // The car charges 50 kW from 13:00 to 13:30 somewhere: energy added 0 → 25 kWh, battery 30 → 70 %.
  const from = startMs + 13 * H;
  const rows = (f: (k: number) => number | string) =>
    Array.from({ length: 10 }, (_, k): [number, number | string] => [from - 2 * FIVE + k * FIVE + FIVE, f(k - 2)]);
  await putVehicle(
    s.id,
    s.p.state,
    rows((k) => (k >= 0 && k < 6 ? "Charging" : k < 0 ? "Stopped" : "Complete")),
  );
  await putVehicle(
    s.id,
    s.p.added,
    rows((k) => (k < 0 ? 12_000 : Math.min(6, k + 1) * (25_000 / 6))),
  );
  await putVehicle(
    s.id,
    s.p.soc,
    rows((k) => 30 + Math.max(0, Math.min(6, k + 1)) * (40 / 6)),
  );
  await putVehicle(
    s.id,
    s.p.lat,
    rows(() => lat),
  );
  await putVehicle(
    s.id,
    s.p.lng,
    rows(() => lng),
  );
  return { id: s.id, startMs, endMs };
}

const system = (id: number) => ({
  id,
  displayTimezone: ZONE,
  location: HOME,
  metadata: null,
  status: "active" as const,
});

describe("vehicle sessions", () => {
  it.each([
    ["away: 80 km from home", -37.1, 144.9, "away"],
    ["at home: 100 m from the system", -37.8109, 144.9601, "home"],
  ])("%s", async (_name, lat, lng, where) => {
    const s = await carSystem(lat, lng);
    const found = await computeSessions(system(s.id), s.startMs, s.endMs, s.endMs + H);
    expect(found).toHaveLength(1);
    const [x] = found;
    expect(x).toMatchObject({
      source: "vehicle",
      location: where,
      startMs: s.startMs + 13 * H,
      endMs: s.startMs + 13.5 * H,
      energyWh: expect.closeTo(25_000, 6),
      chargerKind: "dc",
      batteryStartPct: 30,
      batteryEndPct: 70,
    });
    if (where === "away") {
      expect(x.distanceM).toBeGreaterThan(50_000);
      expect(x).toMatchObject({ solarSharePct: null, costCents: null, emissionsG: null });
      expect(x.detail.shareNote).toBe("charged away from home: no solar share");
    } else {
      expect(x.distanceM).toBeLessThan(500);
      // The home's supply at 13:00 is all solar (it exports): the share is 100 %, not null.
      expect(x.solarSharePct).toBeCloseTo(100, 6);
    }
  });

  it("the daily step stores a day once, however often it runs", async () => {
    const s = await carSystem(-37.1, 144.9);
    for (let i = 0; i < 3; i++) await sessionsAfterDaily([{ systemId: s.id, days: [DAY] }], s.endMs + H);
    expect(await loadSessions(s.id, DAY, DAY)).toHaveLength(1);
  });
});
