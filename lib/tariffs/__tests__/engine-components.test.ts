import { computeCosts } from "../engine";
import type { TariffPlanInput } from "../schema";
import { intervalsFor, MEL, plan, r9 } from "./fixtures";

// A Wednesday in Melbourne (no DST change): 288 intervals, 100 Wh import each (28.8 kWh), export 50 Wh 10:00–14:00.
const DAY = "2025-11-12";
const ivs = intervalsFor([DAY], MEL, (t) => ({
  importWh: 100,
  exportWh: t >= "10:00" && t < "14:00" ? 50 : 0,
  controlledLoadWh: t < "04:00" ? 250 : 0,
}));
const TOU: TariffPlanInput["import"] = {
  kind: "tou",
  periods: [
    { name: "Peak", centsPerKwh: 50, windows: [{ days: ["weekday"], from: "15:00", to: "21:00" }] },
    { name: "Off-peak", centsPerKwh: 20, windows: [{ days: ["weekday", "weekend"], from: "21:00", to: "15:00" }] },
  ],
};

// Expected day figures: import 28.8 kWh; export 48 × 50 Wh = 2.4 kWh; controlled load 48 × 250 Wh = 12 kWh.
const CASES: Array<{ name: string; fields: Partial<TariffPlanInput>; expect: Record<string, number | null> }> = [
  {
    name: "supply charge alone",
    fields: { supply: { centsPerDay: 110 } },
    expect: { supplyCents: 110, importCents: 0, exportCents: 0, controlledLoadCents: 0, demandCents: 0, netCents: 110 },
  },
  {
    name: "flat import alone",
    fields: { import: { kind: "flat", centsPerKwh: 30 } },
    expect: { importCents: 864, netCents: 864 },
  },
  // 6 h peak = 7.2 kWh × 50 + 21.6 kWh × 20
  { name: "time-of-use import alone", fields: { import: TOU }, expect: { importCents: 360 + 432, netCents: 792 } },
  {
    name: "flat feed-in alone (a credit: positive, netted off)",
    fields: { feedIn: { rates: { kind: "flat", centsPerKwh: 5 } } },
    expect: { exportCents: 12, netCents: -12 },
  },
  {
    name: "controlled load alone (usage + its own supply)",
    fields: { controlledLoad: { centsPerKwh: 15, supplyCentsPerDay: 20 } },
    expect: { controlledLoadCents: 180 + 20, netCents: 200 },
  },
  {
    name: "rates before tax (10 % added to charges, not to feed-in)",
    fields: {
      tax: { included: false, ratePct: 10 },
      supply: { centsPerDay: 100 },
      import: { kind: "flat", centsPerKwh: 30 },
      feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
    },
    expect: { supplyCents: 110, importCents: 950.4, exportCents: 12, netCents: 110 + 950.4 - 12 },
  },
  {
    name: "rates before tax, tax on feed-in too",
    fields: {
      tax: { included: false, ratePct: 10, onFeedIn: true },
      feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
    },
    expect: { exportCents: 13.2 },
  },
  {
    name: "every component together",
    fields: {
      supply: { centsPerDay: 110 },
      import: TOU,
      controlledLoad: { centsPerKwh: 15, supplyCentsPerDay: 20 },
      feedIn: { rates: { kind: "flat", centsPerKwh: 10 }, dailyCap: { kwh: 1, aboveCentsPerKwh: 2 } },
      // Peak half hours are 0.1 kWh × 6 = 0.6 kWh → 1.2 kW × 30 c/kW/day
      demand: { windows: [{ days: ["weekday"], from: "15:00", to: "21:00" }], centsPerKw: 30, per: "day" },
    },
    // feed-in: 1 kWh × 10 + 1.4 kWh × 2 = 12.8
    expect: {
      supplyCents: 110,
      importCents: 792,
      controlledLoadCents: 200,
      exportCents: 12.8,
      demandCents: 36,
      netCents: 110 + 792 + 200 + 36 - 12.8,
    },
  },
];

describe("computeCosts: each component alone and combined", () => {
  it.each(CASES)("$name", ({ fields, expect: want }) => {
    // A system with a controlled load point would have a plan with a controlled load rate (see below).
    const intervals = fields.controlledLoad ? ivs : ivs.map(({ controlledLoadWh: _, ...iv }) => iv);
    const res = computeCosts({ plans: [plan(fields)], zone: MEL, intervals });
    expect(res.days).toHaveLength(1);
    const day = res.days[0];
    for (const [key, value] of Object.entries(want))
      expect([key, r9(day[key as keyof typeof day] as number)]).toEqual([key, value]);
    expect(day).toMatchObject({ day: DAY, intervals: 288, partial: false });
    expect(res.intervals).toHaveLength(288);
  });

  it("the day's import cost is the sum of its interval costs", () => {
    const res = computeCosts({ plans: [plan({ import: TOU })], zone: MEL, intervals: ivs });
    const sum = res.intervals.reduce((s, i) => s + (i.importCents ?? NaN), 0);
    expect(r9(sum)).toBe(r9(res.days[0].importCents));
    expect(res.intervals.find((i) => i.importPeriod === "Peak")?.importCents).toBeCloseTo(5, 9);
  });
});

describe("computeCosts: unknown is never 0", () => {
  const fields: Partial<TariffPlanInput> = {
    supply: { centsPerDay: 110 },
    import: { kind: "flat", centsPerKwh: 30 },
    feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
  };
  const base = ivs.map(({ controlledLoadWh: _, ...iv }) => iv);
  const withHole = base.filter((_, i) => i !== 100);
  const nullImport = base.map((iv, i) => (i === 5 ? { ...iv, importWh: null } : iv));

  it.each([
    { name: "a missing interval", intervals: withHole, importNull: true, exportNull: true },
    { name: "an interval with unknown import", intervals: nullImport, importNull: true, exportNull: false },
  ])("$name makes the day's cost unknown but keeps what is known", ({ intervals, importNull, exportNull }) => {
    const res = computeCosts({
      plans: [plan(fields)],
      zone: MEL,
      intervals,
      range: { startMs: ivs[0].endMs - 300_000, endMs: ivs[287].endMs },
    });
    const day = res.days[0];
    expect(day.importCents === null).toBe(importNull);
    expect(day.exportCents === null).toBe(exportNull);
    expect(day.supplyCents).toBe(110);
    expect(day.netCents).toBeNull();
    expect(day.unknownIntervals).toBe(1);
  });

  it("days before the first plan have unknown costs and a warning", () => {
    const res = computeCosts({
      plans: [plan({ import: { kind: "flat", centsPerKwh: 30 }, effectiveFrom: "2025-11-13" })],
      zone: MEL,
      intervals: ivs,
    });
    expect(res.days[0]).toMatchObject({ planId: null, importCents: null, supplyCents: null, netCents: null });
    expect(res.intervals.every((i) => i.importCents === null)).toBe(true);
    expect(res.warnings).toEqual(["No tariff plan covers 2025-11-12: costs unknown"]);
  });

  it("a controlled load rate without a controlled load point is unknown, with a warning", () => {
    const noCl = ivs.map(({ controlledLoadWh: _, ...iv }) => iv);
    const res = computeCosts({
      plans: [plan({ controlledLoad: { centsPerKwh: 15, supplyCentsPerDay: 0 } })],
      zone: MEL,
      intervals: noCl,
    });
    expect(res.days[0].controlledLoadCents).toBeNull();
    expect(res.warnings[0]).toMatch(/no load point is marked as controlled load/);
  });

  it("controlled load energy without a controlled load rate is unknown, with a warning", () => {
    const res = computeCosts({ plans: [plan({ supply: { centsPerDay: 1 } })], zone: MEL, intervals: ivs });
    expect(res.days[0]).toMatchObject({ controlledLoadCents: null, netCents: null, supplyCents: 1 });
    expect(res.warnings[0]).toMatch(/plan has no controlled load rate/);
  });

  it("a range ending mid-day gives a partial day with the known part priced", () => {
    const startMs = ivs[0].endMs - 300_000;
    const res = computeCosts({
      plans: [plan({ import: { kind: "flat", centsPerKwh: 30 } })],
      zone: MEL,
      intervals: base,
      range: { startMs, endMs: startMs + 12 * 3_600_000 },
    });
    expect(res.days[0]).toMatchObject({ partial: true, intervals: 144, unknownIntervals: 0 });
    expect(r9(res.days[0].importCents)).toBe(432);
    expect(res.months[0].partial).toBe(true);
  });
});

describe("computeCosts input handling", () => {
  const fields: Partial<TariffPlanInput> = { import: TOU, feedIn: { rates: { kind: "flat", centsPerKwh: 5 } } };
  const base = ivs.map(({ controlledLoadWh: _, ...iv }) => iv);

  it("takes intervals in any order (a repeated end: the last one wins)", () => {
    const sorted = computeCosts({ plans: [plan(fields)], zone: MEL, intervals: base });
    const shuffled = [...base].reverse();
    shuffled.unshift({ ...base[7], importWh: 99_999 });
    const res = computeCosts({ plans: [plan(fields)], zone: MEL, intervals: shuffled });
    expect(res.days).toEqual(sorted.days);
    expect(res.intervals).toEqual(sorted.intervals);
  });

  it.each([
    ["an interval end off the 5-minute grid", { intervals: [{ endMs: 1_000, importWh: 1, exportWh: 0 }] }],
    ["an unknown zone", { zone: "Mars/Olympus" }],
  ])("throws on %s", (_n, over) => {
    expect(() => computeCosts({ plans: [plan(fields)], zone: MEL, intervals: base, ...over })).toThrow(RangeError);
  });

  it("returns nothing for no intervals and no range", () => {
    expect(computeCosts({ plans: [plan(fields)], zone: MEL, intervals: [] })).toEqual({
      intervals: [],
      days: [],
      months: [],
      billingPeriods: [],
      warnings: [],
    });
  });
});
