import type { Grid } from "../channels";
import { P } from "../channels";
import { deriveFromBalance, emptyLedger } from "../ledger";
import { emptyTotals, reconcileAttribution, type Totals } from "../totals";
import type { AccountFlow, Capabilities } from "../types";

const grid: Grid = { firstEndMs: Date.UTC(2026, 0, 1, 0, 5), count: 3 };

describe("a flow derived from the balance", () => {
  it("carries what it would go below 0 into the next intervals: never negative, the sum still balances", () => {
    const l = emptyLedger(grid, {} as Capabilities, true);
    const set = (f: AccountFlow, values: number[]) =>
      values.forEach((v, i) => {
        l.flows[f].wh[i] = v;
        l.flows[f].prov[i] = P.measured;
      });
    set("solar", [100, 0, 100]);
    set("gridImport", [0, 0, 0]);
    set("gridExport", [0, 50, 0]); // read a moment after the solar meter: 50 Wh exported with 0 Wh generated
    deriveFromBalance(l);
    expect(Array.from(l.flows.load.wh)).toEqual([100, 0, 50]);
    expect(Array.from(l.flows.load.prov)).toEqual([P.derived, P.derived, P.derived]);
  });
});

describe("a span's attribution reconciled to its flow totals", () => {
  const totals = (flows: Partial<Record<AccountFlow, number>>, attribution: Partial<Totals["attribution"]>) => {
    const t = emptyTotals();
    t.attributed = 288;
    for (const [f, wh] of Object.entries(flows))
      t.flows[f as AccountFlow] = { wh, known: 288, parts: [wh, 0, 0, 0], mask: 1 };
    Object.assign(t.attribution, attribution);
    return t;
  };
  const sums = (a: Totals["attribution"]) => ({
    solar: a.solarToHome + a.solarToBattery + a.solarToGrid,
    gridImport: a.gridToHome + a.gridToBattery,
    batteryDischarge: a.batteryToHome + a.batteryToGrid,
    load: a.solarToHome + a.gridToHome + a.batteryToHome,
    batteryCharge: a.solarToBattery + a.gridToBattery,
    gridExport: a.solarToGrid + a.batteryToGrid,
  });

  it.each([
    [
      "the home got every surplus, charging every shortfall (quarter-hour meters beside 5-minute power)",
      { solar: 16000, gridImport: 400, batteryDischarge: 3000, load: 9740, batteryCharge: 4700, gridExport: 4960 },
      {
        solarToHome: 7000,
        solarToBattery: 4300,
        solarToGrid: 4700,
        gridToHome: 300,
        gridToBattery: 100,
        batteryToHome: 2740,
        batteryToGrid: 260,
      },
    ],
    [
      "no battery",
      { solar: 5000, gridImport: 2000, batteryDischarge: 0, load: 4000, batteryCharge: 0, gridExport: 3000 },
      { solarToHome: 2100, solarToGrid: 2900, gridToHome: 2000 },
    ],
  ])("%s: every node equals its total, zero links stay zero", (_name, flows, links) => {
    const t = totals(flows, links);
    const { links: a, unaccounted } = reconcileAttribution(t);
    const got = sums(a);
    for (const f of Object.keys(flows) as AccountFlow[]) expect(got[f as keyof typeof got]).toBeCloseTo(flows[f]!, 3);
    for (const [k, v] of Object.entries(t.attribution)) if (v === 0) expect(a[k as keyof typeof a]).toBe(0);
    expect(unaccounted).toBeUndefined();
  });

  // in ≠ out, or energy no link can carry: every source and destination still equals its total; the rest goes
  // through its own node, never hidden by scaling the home, exports and charging.
  const unplaced = (u: ReturnType<typeof reconcileAttribution>["unaccounted"]) => ({
    ...(u?.from ?? {}),
    ...(u?.to ?? {}),
  });
  const total = (by: Partial<Record<AccountFlow, number>>) => Object.values(by).reduce((s, v) => s + (v ?? 0), 0);
  it.each<[string, Partial<Record<AccountFlow, number>>, Partial<Totals["attribution"]>, number, number]>([
    [
      "more in than out (0.55 %, a day of meters read a moment apart)",
      { solar: 50000, gridImport: 5000, batteryDischarge: 7000, load: 21852, batteryCharge: 7745, gridExport: 32064 },
      { solarToHome: 12000, solarToBattery: 7000, solarToGrid: 31000, gridToHome: 4500, gridToBattery: 500 },
      339,
      0,
    ],
    [
      "more out than in",
      { solar: 10000, gridImport: 1000, batteryDischarge: 380, load: 6000, batteryCharge: 2000, gridExport: 3500 },
      { solarToHome: 5000, solarToBattery: 2000, solarToGrid: 3000, gridToHome: 1000, batteryToHome: 300 },
      0,
      120,
    ],
    [
      "a night where the battery charged and discharged within the same intervals (no solar, no grid)",
      { solar: 0, gridImport: 0, batteryDischarge: 619.6, load: 561.67, batteryCharge: 57.93, gridExport: 0 },
      { batteryToHome: 561.67 },
      57.93,
      57.93,
    ],
  ])("%s: every node equals its total, the rest is shown apart", (_name, flows, links, intoIt, outOfIt) => {
    const { links: a, unaccounted } = reconcileAttribution(totals(flows, links));
    const got = sums(a);
    const by = unplaced(unaccounted);
    for (const f of Object.keys(flows) as AccountFlow[]) {
      expect([f, got[f as keyof typeof got] + (by[f] ?? 0)]).toEqual([f, expect.closeTo(flows[f]!, 3)]);
    }
    expect(total(unaccounted?.from ?? {})).toBeCloseTo(intoIt, 3);
    expect(total(unaccounted?.to ?? {})).toBeCloseTo(outOfIt, 3);
  });

  it("fits to the totals the table shows when a flow is known in fewer intervals than attributed", () => {
    const t = totals(
      { solar: 1000, gridImport: 0, gridExport: 100, batteryCharge: 0, batteryDischarge: 0 },
      { solarToHome: 950, solarToGrid: 50 },
    );
    t.flows.load = { wh: 800, known: 200, parts: [800, 0, 0, 0], mask: 1 };
    const { links: a, unaccounted } = reconcileAttribution(t);
    expect(a.solarToHome).toBeCloseTo(800, 6);
    expect(a.solarToGrid).toBeCloseTo(100, 6);
    expect(unaccounted).toEqual({ from: { solar: expect.closeTo(100, 6) }, to: {} });
  });

  it("splits a source that had no link of its own like the destinations' totals", () => {
    // The battery discharged 380 Wh in intervals that were not attributed (another flow was unknown there).
    const t = totals(
      { solar: 4000, gridImport: 1000, batteryDischarge: 380, load: 3880, batteryCharge: 500, gridExport: 1000 },
      { solarToHome: 2600, solarToBattery: 500, solarToGrid: 900, gridToHome: 1000 },
    );
    const { links: a, unaccounted } = reconcileAttribution(t);
    expect(a.batteryToHome + a.batteryToGrid).toBeCloseTo(380, 3);
    expect(unaccounted).toBeUndefined();
  });
});

describe("a meter with a counter one way and only power the other", () => {
  it("takes the power-only side from the counter and the net power, so the pair keeps the meter's net", async () => {
    const { planAccounts } = await import("../capabilities");
    const { seriesOf } = await import("../channels");
    const { buildLedger } = await import("../ledger");
    const pt = (id: number, path: string, transform: "d" | null = null) => {
      const [head, metricType] = path.split("/");
      const [type, subtype = null, extension = null] = head.split(".");
      return { id, displayName: head, type, subtype, extension, metricType, transform, active: true };
    };
    const power = pt(1, "bidi.grid/power");
    const importCounter = pt(2, "bidi.grid.import/energy", "d");
    const end = (i: number) => grid.firstEndMs + i * 300_000;
    // Interval 1 turns around: 60 Wh imported (counter), net −600 W average → 50 Wh net export, so 110 Wh exported.
    const rows = [
      ...[0, 1, 2].map((i) => ({
        pointId: 1,
        intervalEndMs: end(i),
        avg: [-1200, -600, 0][i],
        last: 0,
        delta: null,
        sampleCount: 5,
      })),
      ...[0, 1, 2].map((i) => ({
        pointId: 2,
        intervalEndMs: end(i),
        avg: 0,
        last: 1000 + [0, 60, 60][i],
        delta: [0, 60, 0][i],
        sampleCount: 5,
      })),
    ];
    const l = buildLedger(
      planAccounts([power, importCounter]),
      grid,
      seriesOf(rows, grid),
      new Map([[2, { endMs: grid.firstEndMs - 300_000, last: 1000 }]]),
    );
    expect(Array.from(l.flows.gridImport.wh)).toEqual([0, 60, 0]);
    expect(Array.from(l.flows.gridExport.wh)).toEqual([100, 110, 0]);
    expect(l.flows.gridExport.prov[1]).toBe(P.derived);
  });
});
