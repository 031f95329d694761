import { addedIncrements, detectSessions, runsOf } from "../detect";
import { evPlan, type EvPointRow } from "../points";
import { distanceM, shareOf, type HomeInterval } from "../share";

const T0 = Date.UTC(2026, 10, 18, 0, 0);
const FIVE = 300_000;
/** Charger series from average W per interval (NaN unknown). */
const charger = (w: number[]) => ({
  key: "load.ev",
  name: "EV",
  wh: w.map((x) => x / 12),
  peakW: w.map(() => NaN),
  prov: w.map(() => "integrated" as const),
});

describe("runsOf", () => {
  it.each<[string, boolean[], number, Array<[number, number]>]>([
    ["none", [false, false], 3, []],
    ["one run", [false, true, true, false], 3, [[1, 2]]],
    ["a short pause joins", [true, false, false, true], 3, [[0, 3]]],
    [
      "a long pause splits",
      [true, false, false, false, false, true],
      3,
      [
        [0, 0],
        [5, 5],
      ],
    ],
  ])("%s", (_n, flags, gap, runs) => expect(runsOf(flags, gap)).toEqual(runs));
});

describe("detectSessions from an EV load point", () => {
  it.each<[string, number[], Array<{ lo: number; hi: number; energyWh: number }>]>([
    ["standby below the threshold is no session", [0, 100, 250, 0], []],
    ["a 7 kW hour", [0, ...Array(12).fill(7000), 0], [{ lo: 1, hi: 12, energyWh: 7000 }]],
    ["a 10-minute pause stays one session", [7000, 0, 0, 7000], [{ lo: 0, hi: 3, energyWh: 14000 / 12 }]],
    [
      "a 30-minute break makes two",
      [7000, 0, 0, 0, 0, 0, 0, 7000],
      [
        { lo: 0, hi: 0, energyWh: 7000 / 12 },
        { lo: 7, hi: 7, energyWh: 7000 / 12 },
      ],
    ],
  ])("%s", (_n, w, expected) => {
    const found = detectSessions({ firstEndMs: T0 + FIVE, count: w.length, chargers: [charger(w)], open: false });
    expect(found.map(({ lo, hi, energyWh }) => ({ lo, hi, energyWh }))).toEqual(
      expected.map((e) => ({ ...e, energyWh: expect.closeTo(e.energyWh, 9) })),
    );
    for (const s of found) expect(s).toMatchObject({ source: "charger", chargerKind: "ac", ongoing: false });
  });

  it("a session reaching the newest ended interval is ongoing", () => {
    const [s] = detectSessions({ firstEndMs: T0 + FIVE, count: 3, chargers: [charger([0, 7000, 7000])], open: true });
    expect(s).toMatchObject({ ongoing: true, startMs: T0 + FIVE, endMs: T0 + 3 * FIVE });
  });

  it("a vehicle session the home charger did not see comes from the vehicle's energy added (a reset is a new session)", () => {
    const n = 8;
    const found = detectSessions({
      firstEndMs: T0 + FIVE,
      count: n,
      chargers: [charger(Array(n).fill(0))],
      vehicle: {
        charging: [false, true, true, true, false, false, false, false],
        // The previous session's 30 kWh persists, then restarts at 0.
        addedWh: [30000, 1000, 5000, 9000, 9000, 9000, 9000, 9000],
        batteryPct: [40, 42, 50, 60, 61, NaN, NaN, NaN],
        lat: Array(n).fill(-27.5),
        lng: Array(n).fill(153.0),
      },
      open: false,
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      source: "vehicle",
      lo: 1,
      hi: 3,
      energyWh: 9000,
      energyProvenance: "vehicle",
      chargerKind: "dc",
      batteryStartPct: 40,
      batteryEndPct: 61,
    });
  });
});

describe("addedIncrements", () => {
  it("treats a drop as a restart from 0", () => {
    expect(addedIncrements([5, 7, NaN, 2, 4])).toEqual([0, 2, NaN, 2, 2]);
  });
});

describe("shareOf", () => {
  const home = (s: number | null, b: number | null, g: number | null, importWh: number, cents: number | null) =>
    ({
      endMs: 0,
      solarToHome: s,
      batteryToHome: b,
      gridToHome: g,
      importWh,
      importCents: cents,
      provenance: "integrated",
    }) satisfies HomeInterval;
  const opts = { location: "home" as const, gramsPerWh: 0.5, priced: true };

  it("splits each interval like the home's supply and prices the grid part at the interval's rate", () => {
    // 600 Wh of car energy per interval; home supply 50/25/25 then all grid at a different price.
    const r = shareOf([600, 600], [home(500, 250, 250, 250, 10), home(0, 0, 1000, 1000, 30)], opts);
    expect(r.supply).toEqual({ solarWh: 300, batteryWh: 150, gridWh: 750, unattributedWh: 0 });
    expect(r.solarSharePct).toBeCloseTo(25, 9);
    expect(r.costCents).toBeCloseTo(150 * (10 / 250) + 600 * (30 / 1000), 9);
    expect(r.emissionsG).toBeCloseTo(375, 9);
  });

  it.each<[string, Array<HomeInterval | undefined>, string]>([
    ["the home's supply unknown", [home(null, 0, 100, 100, 1)], "not known"],
    ["no accounts at all", [undefined], "not known"],
  ])("%s: the share is null, never 0", (_n, h, note) => {
    const r = shareOf([500], h, opts);
    expect(r.solarSharePct).toBeNull();
    expect(r.costCents).toBeNull();
    expect(r.supply.solarWh).toBeNull();
    expect(r.detail.shareNote).toContain(note);
  });

  it.each(["away", "unknown"] as const)("%s: no solar share, cost or emissions, and says so", (location) => {
    const r = shareOf([500], [home(500, 0, 0, 0, 0)], { ...opts, location });
    expect(r).toMatchObject({ solarSharePct: null, costCents: null, emissionsG: null });
    expect(r.supply.unattributedWh).toBe(500);
    expect(r.detail.shareNote).toMatch(/no solar share/);
  });

  it("no tariff plan: cost null with a note", () => {
    const r = shareOf([600], [home(0, 0, 600, 600, null)], { ...opts, priced: false });
    expect(r.costCents).toBeNull();
    expect(r.detail.costNote).toBe("no tariff plan covers this session");
  });
});

describe("evPlan", () => {
  const pt = (id: number, path: string, name = `p${id}`): EvPointRow => {
    const [head, metricType] = path.split("/");
    const [type, subtype = null, extension = null] = head.split(".");
    return { id, displayName: name, type, subtype, extension, metricType, active: true };
  };
  it.each<[string, EvPointRow[], { chargers: string[]; vehicle: boolean }]>([
    ["no EV", [pt(1, "load/power"), pt(2, "load.hvac/power")], { chargers: [], vehicle: false }],
    [
      "a charger circuit",
      [pt(1, "load/power"), pt(2, "load.ev/power", "Garage EV")],
      { chargers: ["load.ev"], vehicle: false },
    ],
    [
      "two chargers and a vehicle",
      [
        pt(1, "load.ev.garage/power"),
        pt(2, "load.ev.carport/energy"),
        pt(3, "vehicle.battery/soc"),
        pt(4, "vehicle.charging/text"),
      ],
      { chargers: ["load.ev.garage", "load.ev.carport"], vehicle: true },
    ],
  ])("%s", (_n, points, expected) => {
    const plan = evPlan(points);
    expect(plan.chargers.map((c) => c.key)).toEqual(expected.chargers);
    expect(plan.vehicle !== null).toBe(expected.vehicle);
  });
});

it("distanceM: about 111 km per degree of latitude", () => {
  expect(distanceM({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -2);
});
