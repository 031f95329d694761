import {
  allocateFlows,
  homeFromLinks,
  periodFlows,
  sankeyGraph,
  selfConsumption,
  selfSufficiency,
  type EnergyTotals,
  type FlowLinks,
} from "..";

const T = (
  solar: number | null,
  load: number | null,
  gridImport: number | null,
  gridExport: number | null,
  batteryCharge: number | null,
  batteryDischarge: number | null,
): EnergyTotals => ({ solar, load, gridImport, gridExport, batteryCharge, batteryDischarge });

describe("allocateFlows", () => {
  // [name, totals, expected links (sh, sb, sg, gh, gb, bh, bg)]
  test.each<[string, EnergyTotals, number[]]>([
    ["sunny day, battery full by noon", T(20000, 12000, 2000, 6000, 5000, 1000), [9000, 5000, 6000, 2000, 0, 1000, 0]],
    ["no battery, no grid data", T(8000, 8000, null, null, null, null), [8000, 0, 0, 0, 0, 0, 0]],
    ["cloudy: battery charged from grid", T(2000, 9000, 8000, 0, 4000, 3000), [0, 2000, 0, 6000, 2000, 3000, 0]],
    ["battery exports (VPP event)", T(1000, 5000, 3000, 4000, 0, 6000), [0, 0, 1000, 3000, 0, 3000, 3000]],
    ["night only", T(0, 4000, 1000, 0, 0, 3000), [0, 0, 0, 1000, 0, 3000, 0]],
    ["negative noise ignored", T(-5, 100, 100, -3, null, null), [0, 0, 0, 100, 0, 0, 0]],
  ])("%s", (_name, totals, [sh, sb, sg, gh, gb, bh, bg]) => {
    const f = allocateFlows(totals);
    expect(f).toEqual({
      solarToHome: sh,
      solarToBattery: sb,
      solarToGrid: sg,
      gridToHome: gh,
      gridToBattery: gb,
      batteryToHome: bh,
      batteryToGrid: bg,
    });
  });

  // Balance: each source's links add up to what it delivered, when the measurements are consistent.
  test.each<[EnergyTotals]>([
    [T(20000, 12000, 2000, 6000, 5000, 1000)],
    [T(15000, 14000, 3000, 1000, 6000, 3000)],
    [T(500, 9000, 8000, 0, 2000, 2500)],
    [T(12000, 6000, 0, 8000, 4000, 6000)],
  ])("links balance sources and sinks for %j", (t) => {
    const f = allocateFlows(t);
    expect(f.solarToHome + f.solarToBattery + f.solarToGrid).toBeCloseTo(t.solar!);
    expect(f.gridToHome + f.gridToBattery).toBeCloseTo(t.gridImport!);
    expect(f.batteryToHome + f.batteryToGrid).toBeCloseTo(t.batteryDischarge!);
    expect(f.solarToGrid + f.batteryToGrid).toBeCloseTo(t.gridExport!);
    expect(f.solarToBattery + f.gridToBattery).toBeCloseTo(t.batteryCharge!);
    // Home = solar + import + discharge − export − charge (conservation, no losses).
    const home = t.solar! + t.gridImport! + t.batteryDischarge! - t.gridExport! - t.batteryCharge!;
    expect(homeFromLinks(f)).toBeCloseTo(home);
    for (const v of Object.values(f)) expect(v).toBeGreaterThanOrEqual(0);
  });
});

describe("periodFlows", () => {
  test("allocates per day, so one day's night-time grid charging is not paid by another day's sun", () => {
    const days = [{ totals: T(10000, 4000, 0, 6000, 0, 0) }, { totals: T(0, 4000, 8000, 0, 4000, 0) }];
    const f = periodFlows(days);
    expect(f.solarToGrid).toBe(6000);
    expect(f.gridToBattery).toBe(4000);
    expect(f.solarToBattery).toBe(0);
    // Allocated on the summed totals the battery would look solar-charged instead:
    expect(allocateFlows(T(10000, 8000, 8000, 6000, 4000, 0)).solarToBattery).toBe(4000);
  });
});

describe("ratios", () => {
  const links = (p: Partial<FlowLinks>): FlowLinks => ({
    solarToHome: 0,
    solarToBattery: 0,
    solarToGrid: 0,
    gridToHome: 0,
    gridToBattery: 0,
    batteryToHome: 0,
    batteryToGrid: 0,
    ...p,
  });
  test.each<[string, Partial<FlowLinks>, number | null, number | null]>([
    ["all solar used, half the home from grid", { solarToHome: 5, gridToHome: 5 }, 100, 50],
    ["half exported, battery covers the rest", { solarToHome: 4, solarToGrid: 4, batteryToHome: 4 }, 50, 100],
    ["no solar at all", { gridToHome: 10 }, null, 0],
    ["nothing", {}, null, null],
  ])("%s", (_n, p, consumption, sufficiency) => {
    const f = links(p);
    expect(selfConsumption(f)).toBe(consumption);
    expect(selfSufficiency(f)).toBe(sufficiency);
  });
});

describe("sankeyGraph", () => {
  test("drops empty links and nodes, keeps indices consistent", () => {
    const g = sankeyGraph(allocateFlows(T(20000, 12000, 2000, 6000, 5000, 1000)));
    expect(g.nodes.map((n) => n.name)).toEqual(["Solar", "Home", "Battery charge", "Grid export", "Grid", "Battery"]);
    expect(g.links).toEqual([
      { source: 0, target: 1, value: 9000 },
      { source: 0, target: 2, value: 5000 },
      { source: 0, target: 3, value: 6000 },
      { source: 4, target: 1, value: 2000 },
      { source: 5, target: 1, value: 1000 },
    ]);
  });

  test("an empty period has no links", () => {
    expect(sankeyGraph(allocateFlows(T(null, null, null, null, null, null)))).toEqual({ nodes: [], links: [] });
  });
});
