import { planAccounts, type PlanPoint } from "../capabilities";
import { seriesOf, type Grid } from "../channels";
import { buildLedger } from "../ledger";
import { coreOf, packTotals, reasonsOf, totalsOf, unpackTotals } from "../totals";
import type { AccountFlow } from "../types";

const T0 = Date.UTC(2026, 0, 1);
const grid: Grid = { firstEndMs: T0 + 300_000, count: 12 };

let nextId = 1;
function pt(path: string, transform: "d" | null = null): PlanPoint {
  const [head, metricType] = path.split("/");
  const [type, subtype = null, extension = null] = head.split(".");
  return { id: nextId++, displayName: head, type, subtype, extension, metricType, transform, active: true };
}

type Row = {
  pointId: number;
  intervalEndMs: number;
  avg: number | null;
  last: number | null;
  delta: number | null;
  sampleCount: number;
};
const end = (i: number) => grid.firstEndMs + i * 300_000;
/** Power rows: constant W for intervals in `at` (default all). */
const power = (p: PlanPoint, w: number, at = [...Array(grid.count).keys()]): Row[] =>
  at.map((i) => ({ pointId: p.id, intervalEndMs: end(i), avg: w, last: w, delta: null, sampleCount: 5 }));
/** Counter rows: `wh` per interval, the cumulative value in `last`; intervals in `skip` have no row. */
const counter = (p: PlanPoint, wh: number, skip: number[] = [], start = 1000): Row[] => {
  const rows: Row[] = [];
  let v = start;
  let pending = 0;
  for (let i = 0; i < grid.count; i++) {
    v += wh;
    pending += wh;
    if (skip.includes(i)) continue;
    rows.push({ pointId: p.id, intervalEndMs: end(i), avg: v, last: v, delta: pending, sampleCount: 5 });
    pending = 0;
  }
  return rows;
};

function accounts(points: PlanPoint[], rows: Row[], before = new Map()) {
  const plan = planAccounts(points);
  const ledger = buildLedger(plan, grid, seriesOf(rows, grid), before);
  return { plan, ledger, core: coreOf(totalsOf(ledger, 0, grid.count), reasonsOf(ledger.capabilities)) };
}

describe("capabilities and balance (one hour, 12 intervals)", () => {
  const solarP = pt("source.solar/power");
  const solarE = pt("source.solar/energy");
  const loadP = pt("load/power");
  const gridP = pt("bidi.grid/power");
  const batP = pt("bidi.battery/power");
  const impE = pt("bidi.grid.import/energy", "d");
  const expE = pt("bidi.grid.export/energy", "d");

  const cases: Array<{
    name: string;
    points: PlanPoint[];
    rows: Row[];
    expect: Partial<Record<AccountFlow, number | null>>;
    provenance?: Partial<Record<AccountFlow, string>>;
    selfConsumption: number | null;
    selfSufficiency: number | null;
    reason?: RegExp;
  }> = [
    {
      name: "production only (Enphase): load and grid unknown, never 0; no percentages",
      points: [solarP, solarE],
      rows: [...power(solarP, 1200), ...power(solarE, 0).map((r) => ({ ...r, avg: 100, delta: 100 }))],
      expect: { solar: 1200, load: null, gridImport: null, gridExport: null, batteryCharge: null },
      provenance: { solar: "measured", load: "unknown", gridImport: "unknown" },
      selfConsumption: null,
      selfSufficiency: null,
      reason: /no grid meter/,
    },
    {
      name: "no grid meter: grid derived from the balance as a net pair",
      points: [solarP, loadP, batP],
      rows: [...power(solarP, 3000), ...power(loadP, 1000), ...power(batP, -1200)],
      expect: { solar: 3000, load: 1000, batteryCharge: 1200, batteryDischarge: 0, gridExport: 800, gridImport: 0 },
      provenance: { gridExport: "derived", solar: "integrated" },
      selfConsumption: 73.3,
      selfSufficiency: 100,
    },
    {
      name: "no battery: battery absent counts 0, load derived",
      points: [solarP, gridP],
      rows: [...power(solarP, 600), ...power(gridP, 600)],
      expect: { solar: 600, gridImport: 600, gridExport: 0, load: 1200, batteryCharge: null },
      provenance: { load: "derived", batteryCharge: "unknown" },
      selfConsumption: 100,
      selfSufficiency: 50,
    },
    {
      name: "full: counters for grid, power for the rest; balance holds",
      points: [solarP, loadP, batP, impE, expE, gridP],
      rows: [
        ...power(solarP, 2400),
        ...power(loadP, 1200),
        ...power(batP, 600),
        ...power(gridP, -1800),
        ...counter(impE, 0),
        ...counter(expE, 150),
      ],
      expect: { solar: 2400, load: 1200, batteryDischarge: 600, batteryCharge: 0, gridImport: 0, gridExport: 1800 },
      provenance: { gridExport: "measured", solar: "integrated" },
      selfConsumption: 25,
      selfSufficiency: 100,
    },
  ];

  it.each(cases)("$name", (c) => {
    const { core } = accounts(c.points, c.rows);
    for (const [f, wh] of Object.entries(c.expect)) {
      if (wh === null) expect(core.flows[f as AccountFlow].wh).toBeNull();
      else expect(core.flows[f as AccountFlow].wh).toBeCloseTo(wh, 6);
    }
    for (const [f, p] of Object.entries(c.provenance ?? {})) expect(core.flows[f as AccountFlow].provenance).toBe(p);
    if (c.selfConsumption === null) expect(core.selfConsumptionPct).toBeNull();
    else expect(core.selfConsumptionPct).toBeCloseTo(c.selfConsumption, 1);
    if (c.selfSufficiency === null) expect(core.selfSufficiencyPct).toBeNull();
    else expect(core.selfSufficiencyPct).toBeCloseTo(c.selfSufficiency, 1);
    if (c.reason) expect(core.selfConsumptionReason).toMatch(c.reason);
    // Unknown is never 0: every unknown flow has a reason.
    for (const v of Object.values(core.flows)) if (v.wh === null) expect(v.reason).toBeTruthy();
  });

  it("Mondo-like circuits: grid and battery from their meters by type, circuits as loads, load from the balance", () => {
    const pts = [
      pt("source.solar.pv/power"),
      pt("bidi.grid.gate/power"),
      pt("bidi.battery.hybrid/power"),
      pt("load.pool/power"),
      pt("load.hvac/power"),
    ];
    const rows = [
      ...power(pts[0], 3600),
      ...power(pts[1], -1200),
      ...power(pts[2], -600),
      ...power(pts[3], 1000),
      ...power(pts[4], 500),
    ];
    const { core, plan } = accounts(pts, rows);
    expect(plan.flows.gridImport.capability.source).toBe("power");
    expect(plan.flows.load.capability.source).toBe("balance");
    expect(core.flows.gridExport.wh).toBeCloseTo(1200);
    expect(core.flows.batteryCharge.wh).toBeCloseTo(600);
    expect(core.flows.load.wh).toBeCloseTo(1800);
    expect(core.flows.load.provenance).toBe("derived");
    expect(core.loads.map((l) => [l.key, l.flow.wh])).toEqual([
      ["load.pool", expect.closeTo(1000, 6)],
      ["load.hvac", expect.closeTo(500, 6)],
    ]);
    expect(core.selfConsumptionPct).toBeCloseTo((100 * (3600 - 1200)) / 3600, 1);
  });
});

describe("gaps and resets", () => {
  const solarE = pt("source.solar/energy", "d");
  const solarP = pt("source.solar/power");

  it.each([
    { name: "evenly without power", rows: (r: Row[]) => r, expected: [40, 40, 40, 40, 40] },
    {
      name: "in proportion to power where there is any",
      rows: (r: Row[]) => [...r, ...power(solarP, 0, [2, 3]), ...power(solarP, 1000, [4, 5, 6])],
      // Intervals 2..6 get 0,0,1000,1000,1000 weights: 200 Wh over the last three.
      expected: [0, 0, 200 / 3, 200 / 3, 200 / 3],
    },
  ])("a counter's energy after a gap is spread over it: $name", (c) => {
    const rows = c.rows(counter(solarE, 40, [2, 3, 4, 5]));
    const { ledger, core } = accounts([solarE, solarP], rows);
    const got = Array.from(ledger.flows.solar.wh.slice(2, 7));
    got.forEach((v, i) => expect(v).toBeCloseTo(c.expected[i], 6));
    expect(ledger.flows.solar.prov[3]).toBe(3); // interpolated
    expect(core.flows.solar.wh).toBeCloseTo(40 * 12, 6); // the total stays exact
    expect(core.flows.solar.provenance).toBe("interpolated");
    expect(core.flows.solar.parts).toEqual({ measured: 40 * 7, interpolated: expect.closeTo(200, 6) });
  });

  it("a gap that starts before the window spreads only its share into it", () => {
    const rows = counter(solarE, 40, [0, 1]);
    // The counter's previous row is two intervals before the grid: intervals −2, −1, 0, 1, 2 share 200 Wh… of which
    // the grid holds 0..2 (the first row in it carries 5 intervals of energy).
    rows[0] = { ...rows[0], delta: 200 };
    const before = new Map([[solarE.id, { endMs: grid.firstEndMs - 3 * 300_000, last: 0 }]]);
    const { ledger } = accounts([solarE], rows, before);
    expect(Array.from(ledger.flows.solar.wh.slice(0, 3))).toEqual([40, 40, 40]);
  });

  it("a counter reset is recovered from power over one reading's spacing", () => {
    const rows = counter(solarE, 50);
    // Interval 5: the counter resets to 0 and climbs 40 after it (the 5-minute delta counts the reset step as 0).
    rows[5] = { ...rows[5], last: 40, delta: 40 };
    for (let i = 6; i < rows.length; i++) rows[i] = { ...rows[i], last: 40 + (i - 5) * 50, delta: 50 };
    const { ledger } = accounts([solarE, solarP], [...rows, ...power(solarP, 600)]);
    // 600 W over one of 5 readings' spacing (1 minute) = 10 Wh recovered.
    expect(ledger.flows.solar.wh[5]).toBeCloseTo(50, 6);
    expect(ledger.flows.solar.prov[5]).toBe(1);
  });

  it("quarter-hour vendor energy is spread over its own step and stays measured", () => {
    const e = pt("source.solar/energy");
    const rows = [2, 5, 8, 11].map((i) => ({
      pointId: e.id,
      intervalEndMs: end(i),
      avg: 90,
      last: 90,
      delta: 90,
      sampleCount: 1,
    }));
    const { ledger } = accounts([e], rows);
    expect(Array.from(ledger.flows.solar.wh.slice(3, 12))).toEqual([30, 30, 30, 30, 30, 30, 30, 30, 30]);
    expect(ledger.flows.solar.prov[3]).toBe(0);
  });
});

describe("packed totals", () => {
  it("round-trip exactly, loads included", () => {
    const pts = [pt("source.solar/power"), pt("bidi.grid/power"), pt("load.ev/power")];
    const rows = [...power(pts[0], 1234.5678), ...power(pts[1], -200.25), ...power(pts[2], 7000)];
    const ledger = buildLedger(planAccounts(pts), grid, seriesOf(rows, grid));
    const t = totalsOf(ledger, 0, grid.count);
    expect(unpackTotals(packTotals(t))).toEqual(t);
    expect(t.loads).toHaveLength(1);
  });
});
