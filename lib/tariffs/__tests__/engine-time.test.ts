import { computeCosts } from "../engine";
import { presetPlan } from "../presets";
import { tariffPlanInputSchema, type TariffPlanInput } from "../schema";
import { intervalsFor, MEL, plan, r9 } from "./fixtures";

const countBy = (xs: Array<string | null>) =>
  xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x ?? "none"]: (m[x ?? "none"] ?? 0) + 1 }), {});

// Peak 15:00–21:00 and Night 00:00–06:00 every day, Day otherwise: the DST changes (02:00/03:00) fall in Night.
const EVERY_DAY: TariffPlanInput["import"] = {
  kind: "tou",
  periods: [
    { name: "Peak", centsPerKwh: 50, windows: [{ days: ["weekday", "weekend"], from: "15:00", to: "21:00" }] },
    { name: "Night", centsPerKwh: 10, windows: [{ days: ["weekday", "weekend"], from: "00:00", to: "06:00" }] },
    {
      name: "Day",
      centsPerKwh: 30,
      windows: [
        { days: ["weekday", "weekend"], from: "06:00", to: "15:00" },
        { days: ["weekday", "weekend"], from: "21:00", to: "24:00" },
      ],
    },
  ],
};

describe("time-of-use windows across daylight-saving days (Australia/Melbourne)", () => {
  it.each([
    // 2025-10-05: clocks go 02:00 → 03:00 (23 h); 2025-04-06: 03:00 → 02:00 (25 h, 02:00–03:00 twice).
    { day: "2025-10-05", intervals: 276, night: 60, peak: 72, dayPeriod: 144 },
    { day: "2025-04-06", intervals: 300, night: 84, peak: 72, dayPeriod: 144 },
    { day: "2025-04-07", intervals: 288, night: 72, peak: 72, dayPeriod: 144 },
  ])("$day: $intervals intervals, Peak keeps its 6 wall-clock hours", ({ day, intervals, night, peak, dayPeriod }) => {
    const ivs = intervalsFor([day], MEL, () => ({ importWh: 100 }));
    const res = computeCosts({ plans: [plan({ import: EVERY_DAY })], zone: MEL, intervals: ivs });
    expect(res.intervals).toHaveLength(intervals);
    expect(countBy(res.intervals.map((i) => i.importPeriod))).toEqual({ Night: night, Peak: peak, Day: dayPeriod });
    expect(r9(res.days[0].importCents)).toBe(r9(night * 1 + peak * 5 + dayPeriod * 3));
    expect(res.days[0]).toMatchObject({ day, intervals, unknownIntervals: 0, partial: false });
  });

  it("the preset TOU plan prices a Sunday changeover as a weekend (no Peak)", () => {
    const ivs = intervalsFor(["2025-10-05"], MEL, () => ({ importWh: 100 }));
    const res = computeCosts({
      plans: [{ ...tariffPlanInputSchema.parse(presetPlan("tou", "2025-01-01")), id: "p" }],
      zone: MEL,
      intervals: ivs,
    });
    // 23 h: off-peak 22:00–07:00 loses the skipped hour (8 h), shoulder 07:00–22:00 (15 h).
    expect(countBy(res.intervals.map((i) => i.importPeriod))).toEqual({ "Off-peak": 96, Shoulder: 180 });
  });
});

describe("public holidays", () => {
  // Melbourne Cup day 2025-11-04 is a Tuesday; the Wednesday after is not a holiday.
  const days = ["2025-11-04", "2025-11-05"];
  const ivs = intervalsFor(days, MEL, () => ({ importWh: 100 }));
  const weekdayPeak = {
    kind: "tou" as const,
    periods: [
      { name: "Peak", centsPerKwh: 50, windows: [{ days: ["weekday" as const], from: "15:00", to: "21:00" }] },
      {
        name: "Off-peak",
        centsPerKwh: 20,
        windows: [
          { days: ["weekday" as const], from: "21:00", to: "15:00" },
          { days: ["weekend" as const], from: "00:00", to: "24:00" },
        ],
      },
      { name: "Holiday", centsPerKwh: 5, windows: [{ days: ["holiday" as const], from: "00:00", to: "24:00" }] },
    ],
  };
  it.each([
    {
      name: "priced as a weekend (the usual)",
      holidays: { region: "VIC" as const, pricedAs: "weekend" as const },
      cup: { "Off-peak": 288 },
    },
    {
      name: "priced by its own windows",
      holidays: { region: "VIC" as const, pricedAs: "holiday" as const },
      cup: { Holiday: 288 },
    },
    {
      name: "priced as a weekday",
      holidays: { region: "VIC" as const, pricedAs: "weekday" as const },
      cup: { Peak: 72, "Off-peak": 216 },
    },
    {
      name: "without a region it is an ordinary Tuesday",
      holidays: { region: null, pricedAs: "weekend" as const },
      cup: { Peak: 72, "Off-peak": 216 },
    },
    {
      name: "an extra date works without a region",
      holidays: { region: null, extraDates: ["2025-11-04"], pricedAs: "holiday" as const },
      cup: { Holiday: 288 },
    },
  ])("Melbourne Cup $name", ({ holidays, cup }) => {
    const res = computeCosts({ plans: [plan({ import: weekdayPeak, holidays })], zone: MEL, intervals: ivs });
    const byDay = (d: string) => countBy(res.intervals.filter((i) => i.day === d).map((i) => i.importPeriod));
    expect(byDay("2025-11-04")).toEqual(cup);
    expect(byDay("2025-11-05")).toEqual({ Peak: 72, "Off-peak": 216 });
  });

  it("warns when the built-in list has no year", () => {
    const later = intervalsFor(["2028-11-07"], MEL, () => ({ importWh: 1 }));
    const res = computeCosts({
      plans: [plan({ import: weekdayPeak, holidays: { region: "VIC" } })],
      zone: MEL,
      intervals: later,
    });
    expect(res.warnings).toEqual(["No public holiday list for VIC in 2028: holidays priced as ordinary days"]);
  });
});

describe("seasons", () => {
  const seasonal: TariffPlanInput["import"] = {
    kind: "tou",
    periods: [
      {
        name: "Winter peak",
        centsPerKwh: 60,
        windows: [{ days: ["weekday", "weekend"], from: "00:00", to: "24:00", months: [6, 7, 8] }],
      },
      {
        name: "Other",
        centsPerKwh: 25,
        windows: [{ days: ["weekday", "weekend"], from: "00:00", to: "24:00", months: [1, 2, 3, 4, 5, 9, 10, 11, 12] }],
      },
    ],
  };
  it.each([
    { day: "2025-05-31", period: "Other" },
    { day: "2025-06-01", period: "Winter peak" },
    { day: "2025-08-31", period: "Winter peak" },
    { day: "2025-09-01", period: "Other" },
  ])("$day is in $period", ({ day, period }) => {
    const res = computeCosts({
      plans: [plan({ import: seasonal })],
      zone: MEL,
      intervals: intervalsFor([day], MEL, () => ({ importWh: 10 })),
    });
    expect(new Set(res.intervals.map((i) => i.importPeriod))).toEqual(new Set([period]));
  });
});
