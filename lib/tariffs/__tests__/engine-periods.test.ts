import { dayBounds } from "@/lib/time/zones";
import { billingPeriodOf } from "../calendar";
import { computeCosts } from "../engine";
import { presetPlan } from "../presets";
import type { TariffPlanInput } from "../schema";
import { intervalsFor, MEL, monthDays, plan, r9 } from "./fixtures";

describe("billingPeriodOf", () => {
  it.each([
    {
      day: "2025-11-12",
      billing: { cycle: "monthly" as const, startDay: 1, startMonth: 1 },
      period: ["2025-11-01", "2025-12-01"],
    },
    {
      day: "2025-11-12",
      billing: { cycle: "monthly" as const, startDay: 15, startMonth: 1 },
      period: ["2025-10-15", "2025-11-15"],
    },
    {
      day: "2025-11-15",
      billing: { cycle: "monthly" as const, startDay: 15, startMonth: 1 },
      period: ["2025-11-15", "2025-12-15"],
    },
    {
      day: "2026-01-03",
      billing: { cycle: "monthly" as const, startDay: 20, startMonth: 1 },
      period: ["2025-12-20", "2026-01-20"],
    },
    {
      day: "2025-05-15",
      billing: { cycle: "quarterly" as const, startDay: 1, startMonth: 1 },
      period: ["2025-04-01", "2025-07-01"],
    },
    {
      day: "2025-01-10",
      billing: { cycle: "quarterly" as const, startDay: 1, startMonth: 2 },
      period: ["2024-11-01", "2025-02-01"],
    },
    {
      day: "2025-03-05",
      billing: { cycle: "quarterly" as const, startDay: 10, startMonth: 3 },
      period: ["2024-12-10", "2025-03-10"],
    },
  ])("$day with $billing.cycle from day $billing.startDay → $period", ({ day, billing, period }) => {
    const p = billingPeriodOf(day, billing);
    expect([p.start, p.end]).toEqual(period);
  });
});

describe("demand charges over a month", () => {
  const window = [{ days: ["weekday" as const], from: "15:00", to: "21:00" }];
  // November 2025 (30 days), 50 Wh per interval; one spike in the window on Thu 13th 17:00–17:30 (6 × 500 Wh = 6 kW
  // average), a bigger one outside it (Sat 15th, same time) and one at 21:00 on Fri 14th (just after the window).
  const days = monthDays("2025-11");
  const ivs = intervalsFor(days, MEL, (t, day) => {
    const spike =
      (day === "2025-11-13" && t >= "17:00" && t < "17:30") ||
      (day === "2025-11-15" && t >= "17:00" && t < "17:30") ||
      (day === "2025-11-14" && t >= "21:00" && t < "21:30");
    return { importWh: day === "2025-11-15" && spike ? 2000 : day === "2025-11-14" && spike ? 1500 : spike ? 500 : 50 };
  });

  it.each([
    { per: "day" as const, centsPerKw: 20, perDay: 6 * 20, total: 6 * 20 * 30 },
    { per: "billingPeriod" as const, centsPerKw: 1000, perDay: 6000 / 30, total: 6000 },
  ])("$centsPerKw c/kW per $per", ({ per, centsPerKw, perDay, total }) => {
    const res = computeCosts({
      plans: [plan({ demand: { windows: window, centsPerKw, per } })],
      zone: MEL,
      intervals: ivs,
    });
    expect(res.billingPeriods).toHaveLength(1);
    expect(res.billingPeriods[0]).toMatchObject({
      start: "2025-11-01",
      end: "2025-12-01",
      demandKw: 6,
      partial: false,
    });
    expect(r9(res.billingPeriods[0].demandCents)).toBe(total);
    expect(new Set(res.days.map((d) => r9(d.demandCents)))).toEqual(new Set([perDay]));
    expect(r9(res.months[0].demandCents)).toBe(total);
  });

  it("an unknown interval inside a demand window makes the period's demand unknown", () => {
    const demand = { windows: window, centsPerKw: 20, per: "day" as const };
    const unknownAt = (i: number) => ivs.map((iv, j) => (j === i ? { ...iv, importWh: null } : iv));
    // Sun 30th 17:00 is outside the window: the peak stands.
    const sunday = computeCosts({ plans: [plan({ demand })], zone: MEL, intervals: unknownAt(29 * 288 + 17 * 12) });
    expect(sunday.billingPeriods[0].demandKw).toBe(6);
    // Fri 28th 17:00 is inside it: the peak could have been higher.
    const res2 = computeCosts({ plans: [plan({ demand })], zone: MEL, intervals: unknownAt(27 * 288 + 17 * 12) });
    expect(res2.billingPeriods[0].demandKw).toBeNull();
    expect(res2.days.every((d) => d.demandCents === null && d.netCents === null)).toBe(true);
  });
});

describe("a plan change mid-month", () => {
  const flat = (c: number): TariffPlanInput["import"] => ({ kind: "flat", centsPerKwh: c });
  const oldPlan = plan(
    { name: "Old", effectiveFrom: "2025-01-01", supply: { centsPerDay: 100 }, import: flat(30) },
    "old",
  );
  const newPlan = plan(
    { name: "New", effectiveFrom: "2025-11-15", supply: { centsPerDay: 80 }, import: flat(20) },
    "new",
  );
  // 1 kWh a day: 10 × 100 Wh from 12:00.
  const ivs = intervalsFor(monthDays("2025-11"), MEL, (t) => ({ importWh: t >= "12:00" && t < "12:50" ? 100 : 0 }));

  it("old days keep the old plan, new days get the new one (given in any order)", () => {
    const res = computeCosts({ plans: [newPlan, oldPlan], zone: MEL, intervals: ivs });
    expect(res.days.slice(13, 16).map((d) => [d.day, d.planId, r9(d.netCents)])).toEqual([
      ["2025-11-14", "old", 130],
      ["2025-11-15", "new", 100],
      ["2025-11-16", "new", 100],
    ]);
    expect(res.billingPeriods.map((p) => [p.planId, p.start, p.end, r9(p.netCents), p.partial])).toEqual([
      ["old", "2025-11-01", "2025-11-15", 14 * 130, false],
      ["new", "2025-11-15", "2025-12-01", 16 * 100, false],
    ]);
    expect(r9(res.months[0].netCents)).toBe(14 * 130 + 16 * 100);
    expect(res.months[0]).toMatchObject({
      start: "2025-11-01",
      end: "2025-12-01",
      partial: false,
      intervals: 30 * 288,
    });
  });

  it("demand restarts with the new plan: each part of the month has its own peak", () => {
    const withDemand = (p: typeof oldPlan) => ({
      ...p,
      demand: {
        windows: [{ days: ["weekday" as const, "weekend" as const], from: "12:00", to: "13:00" }],
        centsPerKw: 10,
        per: "day" as const,
      },
    });
    const spiky = ivs.map((iv) => (iv.endMs === Date.parse("2025-11-04T01:05:00Z") ? { ...iv, importWh: 1000 } : iv)); // 12:00 local, 4th
    const res = computeCosts({ plans: [withDemand(oldPlan), withDemand(newPlan)], zone: MEL, intervals: spiky });
    // Old part: (1000 + 5 × 100) Wh in a half hour = 3 kW; new part: 600 Wh = 1.2 kW.
    expect(res.billingPeriods.map((p) => p.demandKw)).toEqual([3, 1.2]);
  });
});

describe("month and billing-period totals", () => {
  it("a quarterly bill spans months; each month and the quarter add up to the days", () => {
    const days = [...monthDays("2025-10"), ...monthDays("2025-11"), ...monthDays("2025-12")];
    const ivs = intervalsFor(days, MEL, () => ({ importWh: 10, exportWh: 5 }));
    const p = plan({
      supply: { centsPerDay: 100 },
      import: { kind: "flat", centsPerKwh: 30 },
      feedIn: { rates: { kind: "flat", centsPerKwh: 10 } },
      billing: { cycle: "quarterly", startDay: 1, startMonth: 1 },
    });
    const res = computeCosts({ plans: [p], zone: MEL, intervals: ivs });
    expect(res.months.map((m) => m.start)).toEqual(["2025-10-01", "2025-11-01", "2025-12-01"]);
    expect(res.billingPeriods.map((b) => [b.start, b.end])).toEqual([["2025-10-01", "2026-01-01"]]);
    const sumDays = res.days.reduce((s, d) => s + d.netCents!, 0);
    expect(r9(res.billingPeriods[0].netCents)).toBe(r9(sumDays));
    expect(r9(res.months.reduce((s, m) => s + m.netCents!, 0))).toBe(r9(sumDays));
    // October has 25 hours on no day here (DST starts 5 Oct: 23 h), so intervals are 92 days × 288 − 12.
    expect(res.billingPeriods[0].intervals).toBe(92 * 288 - 12);
  });
});

describe("thirteen months in one call", () => {
  it("prices every interval, with month totals that add up to the days", () => {
    const { startMs } = dayBounds("2024-12-01", MEL);
    const { endMs } = dayBounds("2025-12-31", MEL);
    const ivs = [];
    for (let t = startMs; t < endMs; t += 300_000) ivs.push({ endMs: t + 300_000, importWh: 20, exportWh: 10 });
    const p = plan({ ...presetPlan("tou", "2024-01-01"), holidays: { region: "VIC" } });
    const res = computeCosts({ plans: [p], zone: MEL, intervals: ivs });
    expect(res.intervals).toHaveLength(ivs.length);
    expect(res.months).toHaveLength(13);
    expect(res.days).toHaveLength(396);
    expect(res.months.every((m) => m.netCents !== null && !m.partial)).toBe(true);
    const days = res.days.reduce((s, d) => s + d.netCents!, 0);
    expect(r9(res.months.reduce((s, m) => s + m.netCents!, 0))).toBe(r9(days));
    expect(res.warnings).toEqual(["No public holiday list for VIC in 2024: holidays priced as ordinary days"]);
  });
});
