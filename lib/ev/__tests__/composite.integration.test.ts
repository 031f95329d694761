/**
 * A composite whose load includes a source system with an EV load (an EV circuit, vehicle points) gets charging
 * sessions too: the charger's energy from the composite's accounts, the solar share from the composite's own
 * supply (solar from one source, grid and load from another), and the daily step stores them for the composite.
 */
import { constant, put5m, systemWith } from "@/lib/accounts/__tests__/fixtures";
import { createComposite } from "@/lib/composite";
import { dayBounds } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { chargingSessionsResponse, sessionsAfterDaily } from "..";
import { clearSessionDays, loadSessions } from "../store";

const ZONE = "Australia/Melbourne";
const DAY = "2026-11-18";
const H = 3_600_000;
const owner = { kind: "user" as const, userId: "owner", isPlatformAdmin: false, via: "local" as const };
const { startMs, endMs } = dayBounds(DAY, ZONE);
const NOW = endMs + 2 * H;
let t: TestDb;
let circuits: Awaited<ReturnType<typeof systemWith>>;
let composite: number;
let solarOnly: number;

/** 7 kW from 10:00 to 12:00, 0 otherwise. */
const evW = (e: number) => (e > startMs + 10 * H && e <= startMs + 12 * H ? 7000 : 0);

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  await insertTestUser(t.db, "owner");
  // A circuit monitor: the home's load and an EV circuit, and the car's battery level; a grid meter; an inverter.
  // No source can balance its own accounts, so the composite's are whole.
  circuits = await systemWith(t.db, ZONE, {
    load: "load/power",
    ev: "load.ev/power",
    soc: "load.ev.vehicle/soc",
  });
  const meter = await systemWith(t.db, ZONE, { grid: "bidi.grid/power" });
  // The inverter: 3 kW of solar all day (simple on purpose).
  const inverter = await systemWith(t.db, ZONE, { solar: "source.solar/power" });
  const grid = constant(startMs - 12 * H, endMs + 12 * H, 0);
  await put5m(
    t.db,
    circuits.id,
    circuits.p.ev,
    grid.map(([e]) => [e, { avg: evW(e) }]),
  );
  await put5m(
    t.db,
    circuits.id,
    circuits.p.load,
    grid.map(([e]) => [e, { avg: 500 + evW(e) }]),
  );
  await put5m(
    t.db,
    meter.id,
    meter.p.grid,
    grid.map(([e]) => [e, { avg: 500 + evW(e) - 3000 }]),
  );
  await put5m(
    t.db,
    circuits.id,
    circuits.p.soc,
    grid.map(([e]) => [e, { avg: 50, last: 50 }]),
  );
  await put5m(t.db, inverter.id, inverter.p.solar, constant(startMs - 12 * H, endMs + 12 * H, 3000));
  const ref = (s: typeof circuits, k: string) => [{ systemId: s.id, pointId: s.p[k] }];
  composite = (
    await createComposite(owner, {
      displayName: "Home",
      displayTimezone: ZONE,
      mappings: { solar: ref(inverter, "solar"), grid: ref(meter, "grid"), load: ref(circuits, "load") },
    })
  ).id;
  // A composite without the circuit monitor's load: no EV in it.
  solarOnly = (
    await createComposite(owner, {
      displayName: "Solar only",
      displayTimezone: ZONE,
      mappings: { solar: ref(inverter, "solar") },
    })
  ).id;
}, 60_000);
afterAll(() => t.cleanup());

describe("charging sessions of a composite", () => {
  it("finds the EV circuit's session with the solar share of the composite's supply", async () => {
    const res = await chargingSessionsResponse(composite, { from: DAY, to: DAY }, NOW);
    expect(res).toMatchObject({ hasEv: true, hasVehicle: true });
    expect(res.chargers).toEqual([{ key: `${circuits.id}:load.ev`, name: expect.stringContaining("ev") }]);
    expect(res.sessions).toHaveLength(1);
    const [s] = res.sessions;
    expect(s).toMatchObject({
      chargerKey: `${circuits.id}:load.ev`,
      source: "charger",
      location: "home",
      startMs: startMs + 10 * H,
      endMs: startMs + 12 * H,
      batteryStartPct: 50,
    });
    expect(s.energyWh).toBeCloseTo(14_000, 6);
    // 3 kW of solar for a 7.5 kW load: 40 % of each interval's supply, so 40 % of the car's energy.
    expect(s.solarSharePct).toBeCloseTo(40, 6);
    expect(s.supply.gridWh).toBeCloseTo(14_000 * 0.6, 6);
  });

  it("the daily step of a source stores the composite's sessions, once", async () => {
    await clearSessionDays(composite);
    expect(await loadSessions(composite, DAY, DAY)).toEqual([]);
    for (let i = 0; i < 2; i++) await sessionsAfterDaily([{ systemId: circuits.id, days: [DAY] }], NOW);
    const stored = await loadSessions(composite, DAY, DAY);
    expect(stored.map((s) => s.chargerKey)).toEqual([`${circuits.id}:load.ev`]);
  });

  it("a composite that leaves out the EV's load has no EV", async () => {
    const res = await chargingSessionsResponse(solarOnly, { from: DAY, to: DAY }, NOW);
    expect(res).toMatchObject({ hasEv: false, sessions: [] });
  });
});
