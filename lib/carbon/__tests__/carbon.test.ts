import { carbonRegionOfState, CARBON_REGIONS, gridFactor, NGA_2024, systemCarbonRegion } from "../factors";
import { intervalEmissions, intervalFactor, totalEmissions } from "../emissions";

describe("NGA factors", () => {
  it.each([
    { state: "VIC", region: "VIC", scope2: 0.77, both: 0.86 },
    { state: "act", region: "NSW_ACT", scope2: 0.66, both: 0.7 },
    { state: "WA", region: "WA_SWIS", scope2: 0.51, both: 0.57 },
    { state: "NT", region: "NT_DKIS", scope2: 0.56, both: 0.63 },
    { state: "TAS", region: "TAS", scope2: 0.15, both: 0.18 },
    { state: null, region: "AU", scope2: 0.63, both: 0.7 },
    { state: "XX", region: "AU", scope2: 0.63, both: 0.7 },
  ])("$state → $region, $scope2 kg/kWh (scope 2 + 3: $both)", ({ state, region, scope2, both }) => {
    const r = carbonRegionOfState(state);
    expect(r).toBe(region);
    expect(gridFactor(r)).toBe(scope2);
    expect(gridFactor(r, { scope3: true })).toBeCloseTo(both, 10);
  });

  it("every region has a factor with the table's year", () => {
    expect(Object.keys(NGA_2024.factors).sort()).toEqual([...CARBON_REGIONS].sort());
    expect(NGA_2024.year).toBe(2024);
  });
});

describe("interval emissions (grams CO2-e)", () => {
  it.each([
    { name: "import only", iv: { importWh: 500, exportWh: 0 }, importG: 385, avoidedG: 0 },
    {
      name: "export and self-consumption avoid emissions",
      iv: { importWh: 0, exportWh: 200, selfConsumedSolarWh: 300 },
      importG: 0,
      avoidedG: 385,
    },
    {
      name: "renewables share scales the factor",
      iv: { importWh: 1000, exportWh: 0, renewablesPct: 40 },
      importG: 462,
      avoidedG: 0,
    },
    { name: "unknown import is unknown", iv: { importWh: null, exportWh: 100 }, importG: null, avoidedG: 77 },
    {
      name: "unknown self-consumption makes avoided unknown",
      iv: { importWh: 10, exportWh: 100, selfConsumedSolarWh: null },
      importG: 7.7,
      avoidedG: null,
    },
  ])("$name", ({ iv, importG, avoidedG }) => {
    const e = intervalEmissions({ endMs: 300_000, ...iv }, gridFactor("VIC"));
    const round = (n: number | null) => (n === null ? null : Math.round(n * 1e9) / 1e9);
    expect({ importG: round(e.importG), avoidedG: round(e.avoidedG) }).toEqual({ importG, avoidedG });
  });

  it("clamps a renewables share outside 0–100", () => {
    expect([intervalFactor(0.5, 120), intervalFactor(0.5, -5)]).toEqual([0, 0.5]);
  });

  it("totals stay unknown when any interval is", () => {
    const rows = [
      { endMs: 1, importG: 10, avoidedG: 1 },
      { endMs: 2, importG: null, avoidedG: 2 },
    ];
    expect(totalEmissions(rows)).toEqual({ importG: null, avoidedG: 3 });
    expect(totalEmissions([])).toEqual({ importG: 0, avoidedG: 0 });
  });
});

describe("systemCarbonRegion", () => {
  it.each([
    ["a chosen region wins", { chosen: "TAS", planState: "VIC", zone: "Australia/Sydney" }, "TAS", false],
    ["then the plan's holiday state", { planState: "QLD", metadata: { state: "SA" } }, "QLD", true],
    ["then the metadata state", { metadata: { state: "sa" }, zone: "Australia/Perth" }, "SA", true],
    ["then the time zone", { zone: "Australia/Perth" }, "WA_SWIS", true],
    ["Canberra's zone-less ACT state", { planState: "ACT" }, "NSW_ACT", true],
    ["Broken Hill is on the NSW grid", { zone: "Australia/Broken_Hill" }, "NSW_ACT", true],
    ["elsewhere the national average", { zone: "Europe/Berlin" }, "AU", true],
    ["an unknown chosen value is ignored", { chosen: "MARS", zone: "Australia/Hobart" }, "TAS", true],
  ] as const)("%s", (_, facts, region, automatic) => {
    expect(systemCarbonRegion(facts)).toEqual({ region, automatic });
  });
});
