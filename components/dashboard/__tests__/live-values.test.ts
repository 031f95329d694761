import type { LatestPoint } from "@/lib/api/contracts";
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
      { solar: v(3420), load: v(850), battery: v(-1200), batterySoc: v(64.5), grid: v(-1370) },
    ],
    [
      "solar only: other cards hidden",
      [pt("source.solar/power", 500), pt(null, 7), pt("source.solar/energy", 9000)],
      { solar: v(500) },
    ],
    [
      "total plus local/remote split",
      [pt("source.solar/power", 3000), pt("source.solar.local/power", 1800), pt("source.solar.remote/power", 1200)],
      { solar: v(3000), solarLocal: v(1800), solarRemote: v(1200) },
    ],
    [
      "no total: the parts are summed, aged by the oldest",
      [pt("source.solar.local/power", 1800, T), pt("source.solar.remote/power", 1200, T - 120_000)],
      { solar: v(3000, T - 120_000), solarLocal: v(1800), solarRemote: v(1200, T - 120_000) },
    ],
    ["only one part: no split shown", [pt("source.solar.local/power", 1800)], { solar: v(1800) }],
    [
      "null values, and sub-loads without a total, are ignored",
      [pt("load/power", null), pt("load.hvac/power", 900), pt("bidi.battery/soc", null)],
      {},
    ],
    [
      "duplicate paths: the newest wins",
      [pt("bidi.grid/power", 100, T - 60_000), pt("bidi.grid/power", 250, T), pt("bidi.grid/power", 50, T - 1)],
      { grid: v(250) },
    ],
    ["zero is a value, not missing", [pt("source.solar/power", 0)], { solar: v(0) }],
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
