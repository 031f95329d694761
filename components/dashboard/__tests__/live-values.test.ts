import type { LatestPoint } from "@/lib/api/contracts";
import { liveTimeMs } from "../live-cards";
import { selectLiveValues, type LiveValues } from "../live-values";

let nextId = 1;
const T = 1_750_000_000_000;
const pt = (path: string | null, value: number | null, t = T): LatestPoint => ({
  pointId: nextId++,
  path,
  displayName: path ?? "unclassified",
  unit: "W",
  value,
  valueStr: null,
  measurementTimeMs: t,
  receivedTimeMs: t,
});
const v = (value: number, measurementTimeMs = T) => ({ value, measurementTimeMs });
/** A value from one point, which keeps the point's display name (the path in these fixtures). */
const n = (label: string, value: number, measurementTimeMs = T) => ({ value, measurementTimeMs, label });

describe("selectLiveValues", () => {
  test.each<[string, LatestPoint[], LiveValues]>([
    ["no points", [], {}],
    [
      "a full battery system",
      [
        pt("source.solar/power", 3420),
        pt("load/power", 850),
        pt("bidi.battery/power", -1200),
        pt("bidi.battery/soc", 64.5),
        pt("bidi.grid/power", -1370),
        pt("bidi.grid.import/energy", 12_000),
      ],
      {
        solar: n("source.solar/power", 3420),
        load: n("load/power", 850),
        battery: n("bidi.battery/power", -1200),
        batterySoc: v(64.5),
        grid: n("bidi.grid/power", -1370),
      },
    ],
    [
      "solar only: other cards hidden",
      [pt("source.solar/power", 500), pt(null, 7), pt("source.solar/energy", 9000)],
      { solar: n("source.solar/power", 500) },
    ],
    [
      "total plus local/remote split",
      [pt("source.solar/power", 3000), pt("source.solar.local/power", 1800), pt("source.solar.remote/power", 1200)],
      { solar: n("source.solar/power", 3000), solarLocal: v(1800), solarRemote: v(1200) },
    ],
    [
      "no total: the parts are summed, aged by the oldest",
      [pt("source.solar.local/power", 1800, T), pt("source.solar.remote/power", 1200, T - 120_000)],
      { solar: v(3000, T - 120_000), solarLocal: v(1800), solarRemote: v(1200, T - 120_000) },
    ],
    [
      "only one part: no split shown",
      [pt("source.solar.local/power", 1800)],
      { solar: n("source.solar.local/power", 1800) },
    ],
    [
      "null values, and sub-loads without a total, are ignored",
      [pt("load/power", null), pt("load.hvac/power", 900), pt("bidi.battery/soc", null)],
      {},
    ],
    [
      "duplicate paths: the newest wins",
      [pt("bidi.grid/power", 100, T - 60_000), pt("bidi.grid/power", 250, T), pt("bidi.grid/power", 50, T - 1)],
      { grid: n("bidi.grid/power", 250) },
    ],
    ["zero is a value, not missing", [pt("source.solar/power", 0)], { solar: n("source.solar/power", 0) }],
    [
      "meters named by an extension (Mondo): the gate meter is the grid, the hybrid battery the battery",
      [
        pt("source.solar.roof/power", 4000),
        pt("bidi.grid.gate_meter/power", -1500),
        pt("bidi.battery.hybrid/power", -1000),
        pt("bidi.battery.hybrid/soc", 70),
      ],
      {
        solar: n("source.solar.roof/power", 4000),
        grid: n("bidi.grid.gate_meter/power", -1500),
        battery: n("bidi.battery.hybrid/power", -1000),
        batterySoc: v(70),
        load: { value: 1500, measurementTimeMs: T, derived: true },
      },
    ],
    [
      "no load point: the balance gives it, aged by its oldest input",
      [pt("source.solar/power", 3000), pt("bidi.grid/power", 200, T - 60_000)],
      {
        solar: n("source.solar/power", 3000),
        grid: n("bidi.grid/power", 200, T - 60_000),
        load: { value: 3200, measurementTimeMs: T - 60_000, derived: true },
      },
    ],
    [
      "no load and a battery without power: the load stays unknown",
      [pt("source.solar/power", 3000), pt("bidi.grid/power", 200), pt("bidi.battery/soc", 50)],
      { solar: n("source.solar/power", 3000), grid: n("bidi.grid/power", 200), batterySoc: v(50) },
    ],
    [
      "two grid meters add up; two batteries' charges do not",
      [
        pt("bidi.grid.a/power", 100),
        pt("bidi.grid.b/power", 50),
        pt("bidi.battery.a/soc", 10),
        pt("bidi.battery.b/soc", 90),
      ],
      { grid: v(150) },
    ],
  ])("%s", (_name, points, expected) => {
    expect(selectLiveValues(points)).toEqual(expected);
  });
});

describe("child loads", () => {
  const named = (path: string, name: string, value: number, t = T): LatestPoint => ({
    ...pt(path, value, t),
    displayName: name,
  });
  test.each<[string, LatestPoint[], Array<[string, string, number]> | undefined]>([
    ["none", [pt("load/power", 900)], undefined],
    [
      "two circuits and the rest, largest first",
      [
        pt("load/power", 2000),
        named("load.hvac/power", "Air conditioner", 1200),
        named("load.pool/power", "Pool pump", 300),
      ],
      [
        ["hvac", "Air conditioner", 1200],
        ["pool", "Pool pump", 300],
        ["rest", "Rest of house", 500],
      ],
    ],
    [
      "children above the total: the rest is zero, not negative",
      [pt("load/power", 1000), named("load.ev/power", "EV charger", 1100)],
      [
        ["ev", "EV charger", 1100],
        ["rest", "Rest of house", 0],
      ],
    ],
    ["no total: nothing to split", [named("load.ev/power", "EV", 7000)], undefined],
    ["extensions are not children", [pt("load/power", 1000), pt("load.hvac.zone1/power", 100)], undefined],
  ])("%s", (_n, points, expected) => {
    const out = selectLiveValues(points).childLoads;
    expect(out?.map((c) => [c.key, c.label, c.value])).toEqual(expected);
  });

  test("the rest of house is as old as its oldest input", () => {
    const out = selectLiveValues([pt("load/power", 2000, T), named("load.hvac/power", "AC", 500, T - 60_000)]);
    expect(out.childLoads?.at(-1)?.measurementTimeMs).toBe(T - 60_000);
  });
});

describe("the header badge's time", () => {
  test.each<[string, LatestPoint[], number | null]>([
    [
      "the oldest value a card shows",
      [pt("source.solar/power", 1, T - 47 * 60_000), pt("bidi.grid/power", 1, T)],
      T - 47 * 60_000,
    ],
    ["no card values: the newest reading", [pt("bidi.grid.import/energy", 1, T - 60_000)], T],
  ])("%s", (_n, points, expected) => expect(liveTimeMs(selectLiveValues(points), T)).toBe(expected));
});
