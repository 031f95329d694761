import { pathFitsCategory } from "../categories";
import { combineSeries, combineValues } from "../combine";
import { parseCompositeMetadata } from "../metadata";
import { planOutputs, syntheticPointId, type Member } from "../plan";

let next = 1;
function m(systemId: number, path: string | null, over: Partial<Member> = {}): Member {
  const metric = path?.split("/")[1] ?? "power";
  const head = path?.split("/")[0] ?? "";
  const category = head.startsWith("source.solar")
    ? "solar"
    : head.startsWith("bidi.battery")
      ? "battery"
      : head.startsWith("bidi.grid")
        ? "grid"
        : "load";
  return {
    category,
    systemId,
    pointId: next++,
    path,
    metricType: metric,
    unit: metric === "soc" ? "%" : metric === "energy" ? "Wh" : "W",
    transform: null,
    displayName: `${path} of ${systemId}`,
    capacityWh: null,
    ...over,
  };
}

const summary = (members: Member[]) =>
  Object.fromEntries(planOutputs(members).map((o) => [o.path, o.members.map((x) => `${x.systemId}:${x.path}`)]));

describe("pathFitsCategory", () => {
  it.each([
    ["solar", "source.solar/power", true],
    ["solar", "source.solar.remote/power", true],
    ["solar", "source.solarish/power", false],
    ["solar", "bidi.battery/power", false],
    ["battery", "bidi.battery.charge/energy", true],
    ["load", "load/power", true],
    ["load", "load.hvac/power", true],
    ["grid", "bidi.grid.import/energy", true],
    ["grid", "bidi.grid/power", true],
    ["grid", null, false],
    ["pool", null, true],
    ["pool", "source.solar/power", true],
  ])("%s takes %s: %s", (category, path, ok) => expect(pathFitsCategory(category, path)).toBe(ok));
});

describe("planOutputs", () => {
  it("two sources with the same path both count", () => {
    expect(summary([m(1, "source.solar/power"), m(2, "source.solar/power")])).toEqual({
      "source.solar/power": ["1:source.solar/power", "2:source.solar/power"],
    });
  });

  it("solar parts stand in for their own system's missing total, never double-counting a system", () => {
    const out = summary([
      m(1, "source.solar.local/power"),
      m(1, "source.solar.remote/power"),
      m(2, "source.solar/power"),
      m(3, "source.solar/power"),
      m(3, "source.solar.local/power"),
    ]);
    expect(out["source.solar/power"]).toEqual([
      "1:source.solar.local/power",
      "1:source.solar.remote/power",
      "2:source.solar/power",
      "3:source.solar/power",
    ]);
    expect(out["source.solar.local/power"]).toEqual(["1:source.solar.local/power", "3:source.solar.local/power"]);
  });

  it("grid and battery directions stay apart; load sub-circuits roll up only without a whole load", () => {
    const out = summary([
      m(1, "bidi.grid.import/energy"),
      m(2, "bidi.grid.export/energy"),
      m(1, "bidi.grid/power"),
      m(3, "load.hvac/power"),
      m(4, "load/power"),
    ]);
    expect(out["bidi.grid/energy"]).toBeUndefined();
    expect(out["bidi.grid.import/energy"]).toEqual(["1:bidi.grid.import/energy"]);
    expect(out["bidi.grid/power"]).toEqual(["1:bidi.grid/power"]);
    expect(out["load/power"]).toEqual(["4:load/power"]);
    expect(out["load.hvac/power"]).toEqual(["3:load.hvac/power"]);
    expect(summary([m(3, "load.hvac/power"), m(3, "load.pool/power")])["load/power"]).toHaveLength(2);
  });

  it("labels SoC by how it combines, and custom categories get custom.<name> paths", () => {
    const weighted = planOutputs([
      m(1, "bidi.battery/soc", { capacityWh: 10_000 }),
      m(2, "bidi.battery/soc", { capacityWh: 5_000 }),
    ]);
    expect(weighted[0]).toMatchObject({ combine: "capacity", displayName: "Battery SoC (capacity-weighted)" });
    const averaged = planOutputs([m(1, "bidi.battery/soc", { capacityWh: 10_000 }), m(2, "bidi.battery/soc")]);
    expect(averaged[0]).toMatchObject({ combine: "average", displayName: "Battery SoC (average)" });
    const custom = planOutputs([m(1, "load.pool/power", { category: "pool" }), m(2, null, { category: "pool" })]);
    expect(custom.map((o) => o.path)).toEqual(["custom.pool/power"]);
  });

  it("synthetic ids are negative, stable per path and distinct", () => {
    const out = planOutputs([m(1, "source.solar/power"), m(1, "bidi.battery/soc"), m(1, "load/power")]);
    for (const o of out) expect(o.pointId).toBe(syntheticPointId(o.path));
    expect(out.every((o) => o.pointId < 0)).toBe(true);
    expect(new Set(out.map((o) => o.pointId)).size).toBe(3);
  });
});

describe("combineValues", () => {
  it.each([
    ["sum", [1000, 2500, null], 3500],
    ["average", [40, 60], 50],
    ["average", [null, null], null],
  ] as const)("%s of %j = %s", (combine, values, expected) => {
    expect(
      combineValues(
        combine,
        values.map((value) => ({ value })),
      ),
    ).toBe(expected);
  });

  it("weights SoC by capacity: 10 kWh at 80 % and 5 kWh at 20 % is 60 %", () => {
    const v = combineValues("capacity", [
      { value: 80, weightWh: 10_000 },
      { value: 20, weightWh: 5_000 },
    ]);
    expect(v).toBeCloseTo(60, 10);
  });

  it("latest takes the newest", () => {
    expect(
      combineValues("latest", [
        { value: 1, timeMs: 5 },
        { value: 2, timeMs: 9 },
      ]),
    ).toBe(2);
  });
});

describe("combineSeries", () => {
  const a: Array<[number, number | null]> = [
    [300, 100],
    [600, 200],
    [900, null],
  ];
  const b: Array<[number, number | null]> = [
    [300, 10],
    [900, 30],
  ];
  it("power (avg) sums only where every reporting member has a value", () => {
    expect(combineSeries("sum", "avg", [{ data: a }, { data: b }])).toEqual([
      [300, 110],
      [600, null],
      [900, null],
    ]);
  });
  it("energy (delta) adds what is present", () => {
    expect(combineSeries("sum", "delta", [{ data: a }, { data: b }])).toEqual([
      [300, 110],
      [600, 200],
      [900, 30],
    ]);
  });
  it("a member with no data in the window does not blank the total", () => {
    expect(combineSeries("sum", "avg", [{ data: a }, { data: [] }])).toEqual(a);
  });
});

describe("parseCompositeMetadata", () => {
  it("reads version 2", () => {
    const meta = parseCompositeMetadata({
      version: 2,
      mappings: { solar: [{ systemId: 1, pointId: 2 }] },
      capacities: { "1:3": 13_500 },
    });
    expect(meta).toMatchObject({ version: 2, mappings: { solar: [{ systemId: 1, pointId: 2 }] }, unreadable: [] });
    expect(meta.capacities).toEqual({ "1:3": 13_500 });
  });

  it("reads seed 000's version 1 strings as system + path candidates, and reports what it cannot read", () => {
    const meta = parseCompositeMetadata(
      JSON.stringify({
        version: 1,
        mappings: {
          solar: ["liveone.system1.source.solar.local.power.avg"],
          load: ["liveone.system2.load.total.power.avg", "garbage"],
        },
      }),
    );
    expect(meta.version).toBe(1);
    expect(meta.mappings.solar).toEqual([
      { systemId: 1, paths: ["source.solar.local/power"], raw: "liveone.system1.source.solar.local.power.avg" },
    ]);
    expect(meta.mappings.load[0]).toMatchObject({ systemId: 2, paths: ["load.total/power", "load/power"] });
    expect(meta.unreadable).toEqual([{ category: "load", raw: "garbage" }]);
  });
});
