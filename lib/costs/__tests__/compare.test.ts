import { dayBounds } from "@/lib/time/zones";
import { intervalsFor, MEL, plan, r9 } from "@/lib/tariffs/__tests__/fixtures";
import type { IntervalPrice, TariffInterval } from "@/lib/tariffs/types";
import { STORED_PRICES_PLAN, comparePlanCosts } from "../compare";

// Two Melbourne weekdays: 100 Wh import every interval (28.8 kWh a day), 50 Wh export 10:00–14:00 (2.4 kWh a day).
const DAYS = ["2025-11-12", "2025-11-13"];
const RANGE = { startMs: dayBounds(DAYS[0], MEL).startMs, endMs: dayBounds(DAYS[1], MEL).endMs };
const ivs = intervalsFor(DAYS, MEL, (t) => ({ importWh: 100, exportWh: t >= "10:00" && t < "14:00" ? 50 : 0 }));

// The current plan starts after the span: it still prices every day (as if in force all along).
const FLAT = plan(
  {
    name: "Flat",
    effectiveFrom: "2026-01-01",
    supply: { centsPerDay: 100 },
    import: { kind: "flat", centsPerKwh: 30 },
    feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
  },
  1,
);
const TOU = plan(
  {
    name: "TOU",
    supply: { centsPerDay: 120 },
    import: {
      kind: "tou",
      periods: [
        { name: "Peak", centsPerKwh: 50, windows: [{ days: ["weekday"], from: "15:00", to: "21:00" }] },
        { name: "Off-peak", centsPerKwh: 20, windows: [{ days: ["weekday", "weekend"], from: "21:00", to: "15:00" }] },
      ],
    },
    feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
  },
  2,
);
// Per day: flat 28.8 kWh × 30 = 864, export 2.4 × 5 = 12; TOU 7.2 × 50 + 21.6 × 20 = 792.
const flatNet = 2 * (100 + 864 - 12);
const touNet = 2 * (120 + 792 - 12);

const prices = new Map<number, IntervalPrice>(
  ivs.map((iv) => [iv.endMs, { importCentsPerKwh: 25, feedInCentsPerKwh: 8 }]),
);
const amberNet = 2 * (28.8 * 25 - 2.4 * 8);

const missingOne = (list: TariffInterval[]) => list.filter((_, i) => i !== 300);
const unknownOne = (list: TariffInterval[]) => list.map((iv, i) => (i === 10 ? { ...iv, exportWh: null } : iv));

const CASES: Array<{
  name: string;
  intervals: TariffInterval[];
  withAmber?: boolean;
  prices?: Map<number, IntervalPrice>;
  expect: Array<Partial<Record<string, number | boolean | null>>>;
}> = [
  {
    name: "every interval known: each plan's split and the difference from the current plan",
    intervals: ivs,
    expect: [
      {
        planId: 1,
        current: true,
        supplyCents: 200,
        importCents: 1728,
        exportCents: 24,
        netCents: flatNet,
        differenceCents: 0,
        incompleteDays: 0,
      },
      {
        planId: 2,
        current: false,
        supplyCents: 240,
        importCents: 1584,
        exportCents: 24,
        netCents: touNet,
        differenceCents: touNet - flatNet,
      },
    ],
  },
  {
    name: "a missing interval makes every plan's total unknown, never 0, and names the incomplete day",
    intervals: missingOne(ivs),
    expect: [
      {
        planId: 1,
        netCents: null,
        importCents: null,
        differenceCents: null,
        incompleteDays: 1,
        unknownIntervals: 1,
        days: 2,
      },
      { planId: 2, netCents: null, differenceCents: null, incompleteDays: 1 },
    ],
  },
  {
    name: "an unknown export makes the export credit and net unknown, import still known",
    intervals: unknownOne(ivs),
    expect: [
      { planId: 1, importCents: 1728, exportCents: null, netCents: null, incompleteDays: 1 },
      { planId: 2, importCents: 1584, exportCents: null, netCents: null, incompleteDays: 1 },
    ],
  },
  {
    name: "Amber at stored prices next to the saved plans",
    intervals: ivs,
    withAmber: true,
    prices,
    expect: [
      { planId: 1, netCents: flatNet },
      { planId: 2, netCents: touNet },
      {
        planId: null,
        storedPrices: true,
        current: false,
        supplyCents: 0,
        netCents: amberNet,
        differenceCents: amberNet - flatNet,
      },
    ],
  },
  {
    name: "Amber with an interval's price missing: unknown",
    intervals: ivs,
    withAmber: true,
    prices: new Map([...prices].slice(1)),
    expect: [
      { planId: 1, netCents: flatNet },
      { planId: 2 },
      { storedPrices: true, netCents: null, incompleteDays: 1 },
    ],
  },
];

describe("comparePlanCosts", () => {
  test.each(CASES)("$name", ({ intervals, withAmber, prices: p, expect: want }) => {
    const rows = comparePlanCosts({
      plans: [
        { plan: FLAT, planId: 1, storedPrices: false },
        { plan: TOU, planId: 2, storedPrices: false },
        ...(withAmber ? [{ plan: STORED_PRICES_PLAN, planId: null, storedPrices: true }] : []),
      ],
      currentPlanId: 1,
      zone: MEL,
      intervals,
      range: RANGE,
      fromDay: DAYS[0],
      prices: p,
    });
    expect(rows).toHaveLength(want.length);
    want.forEach((w, i) => {
      const got = Object.fromEntries(
        Object.keys(w).map((k) => {
          const v = rows[i][k as keyof (typeof rows)[number]];
          return [k, typeof v === "number" ? r9(v) : v];
        }),
      );
      expect(got).toEqual(
        Object.fromEntries(Object.entries(w).map(([k, v]) => [k, typeof v === "number" ? r9(v) : v])),
      );
    });
  });

  test("no current plan: no differences", () => {
    const [row] = comparePlanCosts({
      plans: [{ plan: TOU, planId: 2, storedPrices: false }],
      currentPlanId: null,
      zone: MEL,
      intervals: ivs,
      range: RANGE,
      fromDay: DAYS[0],
    });
    expect(row.netCents).not.toBeNull();
    expect(row.differenceCents).toBeNull();
  });

  test("no days at all: unknown, not 0", () => {
    const [row] = comparePlanCosts({
      plans: [{ plan: FLAT, planId: 1, storedPrices: false }],
      currentPlanId: 1,
      zone: MEL,
      intervals: [],
      range: { startMs: RANGE.startMs, endMs: RANGE.startMs },
      fromDay: DAYS[0],
    });
    expect(row).toMatchObject({ netCents: null, supplyCents: null, days: 0 });
  });
});

describe("block steps counted per billing period", () => {
  // 100 kWh a month at 20 c, the rest at 40 c; the month so far (1–11 November, 316.8 kWh) used the first step up.
  const BLOCK = plan(
    {
      name: "Block",
      import: {
        kind: "block",
        basis: "billingPeriod",
        steps: [{ upToKwh: 100, centsPerKwh: 20 }],
        thenCentsPerKwh: 40,
      },
    },
    4,
  );
  const month = intervalsFor(
    Array.from({ length: 13 }, (_, i) => `2025-11-${String(i + 1).padStart(2, "0")}`),
    MEL,
    () => ({ importWh: 100, exportWh: 0 }),
  );
  it.each([
    ["priced from the period's start: the compared days are all on the second step", month, 2 * 28.8 * 40],
    ["the period's earlier days unknown: which step is unknown, so the cost is", ivs, null],
  ])("%s", (_, intervals, want) => {
    const [row] = comparePlanCosts({
      plans: [{ plan: BLOCK, planId: 4, storedPrices: false }],
      currentPlanId: 4,
      zone: MEL,
      intervals,
      range: RANGE,
      fromDay: DAYS[0],
    });
    expect(row.days).toBe(2);
    expect(r9(row.importCents)).toBe(want === null ? null : r9(want));
  });
});
