import { computeCosts } from "../engine";
import { steppedCost } from "../rates";
import type { TariffPlanInput } from "../schema";
import { intervalsFor, MEL, monthDays, plan, r9 } from "./fixtures";

describe("steppedCost splits energy at step boundaries", () => {
  const s = {
    steps: [
      { upToWh: 1000, centsPerKwh: 20 },
      { upToWh: 3000, centsPerKwh: 30 },
    ],
    thenCentsPerKwh: 40,
  };
  it.each([
    { usedWh: 0, wh: 300, certain: true, cents: 6, step: 0 },
    { usedWh: 900, wh: 300, certain: true, cents: 2 + 6, step: 1 },
    { usedWh: 700, wh: 300, certain: true, cents: 6, step: 0 },
    { usedWh: 800, wh: 2500, certain: true, cents: 4 + 60 + 12, step: 2 },
    { usedWh: 5000, wh: 100, certain: true, cents: 4, step: 2 },
    { usedWh: 0, wh: 0, certain: true, cents: 0, step: 0 },
    { usedWh: 2000, wh: 100, certain: false, cents: null, step: 1 },
    { usedWh: 3000, wh: 100, certain: false, cents: 4, step: 2 },
  ])("used $usedWh Wh + $wh Wh (certain: $certain) → $cents c", ({ usedWh, wh, certain, cents, step }) => {
    const r = steppedCost(s, usedWh, wh, certain);
    expect({ cents: r9(r.cents), step: r.step }).toEqual({ cents, step });
  });
});

const BLOCK_DAY: TariffPlanInput["import"] = {
  kind: "block",
  basis: "day",
  steps: [{ upToKwh: 1, centsPerKwh: 20 }],
  thenCentsPerKwh: 40,
};

describe("block tariffs", () => {
  it("an interval straddling the first kWh of the day is split between the steps", () => {
    const ivs = intervalsFor(["2025-11-12"], MEL, () => ({ importWh: 300 }));
    const res = computeCosts({ plans: [plan({ import: BLOCK_DAY })], zone: MEL, intervals: ivs });
    expect(res.intervals.slice(0, 5).map((i) => r9(i.importCents))).toEqual([6, 6, 6, 2 + 8, 12]);
    expect(res.intervals.slice(0, 5).map((i) => i.importPeriod)).toEqual([
      "Step 1",
      "Step 1",
      "Step 1",
      "Step 2",
      "Step 2",
    ]);
    // 86.4 kWh: 1 at 20 c, 85.4 at 40 c
    expect(r9(res.days[0].importCents)).toBe(20 + 3416);
  });

  it("the steps start again each local day", () => {
    const ivs = intervalsFor(["2025-11-12", "2025-11-13"], MEL, () => ({ importWh: 300 }));
    const res = computeCosts({ plans: [plan({ import: BLOCK_DAY })], zone: MEL, intervals: ivs });
    expect(res.days.map((d) => r9(d.importCents))).toEqual([3436, 3436]);
  });

  it("after an unknown interval the price is unknown until the known energy passes the last step", () => {
    const wh = [300, null, 300, 300, 300, 300];
    const ivs = intervalsFor(["2025-11-12"], MEL, () => ({ importWh: 0 })).map((iv, i) =>
      i < wh.length ? { ...iv, importWh: wh[i] } : iv,
    );
    const res = computeCosts({ plans: [plan({ import: BLOCK_DAY })], zone: MEL, intervals: ivs });
    expect(res.intervals.slice(0, 6).map((i) => r9(i.importCents))).toEqual([6, null, null, null, null, 12]);
    expect(res.days[0].importCents).toBeNull();
  });

  it("per billing period: the steps run across days and restart with the next period", () => {
    const perPeriod: TariffPlanInput["import"] = {
      kind: "block",
      basis: "billingPeriod",
      steps: [{ upToKwh: 40, centsPerKwh: 20 }],
      thenCentsPerKwh: 40,
    };
    const days = [...monthDays("2025-10").slice(-1), ...monthDays("2025-11").slice(0, 2)];
    // 24 kWh a day (250 Wh × 96 intervals between 08:00 and 16:00).
    const ivs = intervalsFor(days, MEL, (t) => ({ importWh: t >= "08:00" && t < "16:00" ? 250 : 0 }));
    const res = computeCosts({
      plans: [plan({ import: perPeriod, billing: { cycle: "monthly", startDay: 1 } })],
      zone: MEL,
      intervals: ivs,
    });
    // Oct 31 is the end of a period whose start is outside the range: its step is unknown (never assumed 0).
    expect(res.days.map((d) => r9(d.importCents))).toEqual([null, 24 * 20, 16 * 20 + 8 * 40]);
    expect(res.billingPeriods.map((p) => [p.start, p.end, p.partial])).toEqual([
      ["2025-10-01", "2025-11-01", true],
      ["2025-11-01", "2025-12-01", true],
    ]);
  });
});

describe("feed-in caps", () => {
  const capped = (rate: number) => ({
    rates: { kind: "flat" as const, centsPerKwh: rate },
    dailyCap: { kwh: 10, aboveCentsPerKwh: 3 },
  });
  it.each([
    // 48 intervals 10:00–14:00
    { name: "under the cap", exportWh: 200, credit: 9.6 * 10 },
    { name: "exactly at the cap", exportWh: 10_000 / 48, credit: 100 },
    { name: "over the cap, split mid-interval", exportWh: 500, credit: 10 * 10 + 14 * 3 },
  ])("$name", ({ exportWh, credit }) => {
    const ivs = intervalsFor(["2025-11-12"], MEL, (t) => ({ exportWh: t >= "10:00" && t < "14:00" ? exportWh : 0 }));
    const res = computeCosts({ plans: [plan({ feedIn: capped(10) })], zone: MEL, intervals: ivs });
    expect(r9(res.days[0].exportCents)).toBe(r9(credit));
    expect(r9(res.days[0].netCents)).toBe(r9(-credit));
  });

  it("the interval that crosses the cap is split and labelled", () => {
    const ivs = intervalsFor(["2025-11-12"], MEL, (t) => ({ exportWh: t >= "10:00" && t < "14:00" ? 600 : 0 }));
    const res = computeCosts({ plans: [plan({ feedIn: capped(10) })], zone: MEL, intervals: ivs });
    const exporting = res.intervals.filter((i) => i.exportCents !== 0);
    // 16 × 0.6 kWh = 9.6 kWh; the 17th: 0.4 kWh × 10 + 0.2 kWh × 3
    expect(r9(exporting[16].exportCents)).toBe(4.6);
    expect(exporting[16].exportPeriod).toBe("Above cap");
    expect(r9(exporting[17].exportCents)).toBe(1.8);
  });

  it("time-of-use feed-in with a cap: the cap counts energy across periods", () => {
    const feedIn = {
      rates: {
        kind: "tou" as const,
        periods: [
          {
            name: "Solar soak",
            centsPerKwh: 2,
            windows: [{ days: ["weekday" as const, "weekend" as const], from: "10:00", to: "14:00" }],
          },
          {
            name: "Evening",
            centsPerKwh: 20,
            windows: [{ days: ["weekday" as const, "weekend" as const], from: "14:00", to: "10:00" }],
          },
        ],
      },
      dailyCap: { kwh: 5, aboveCentsPerKwh: 1 },
    };
    // 48 × 100 Wh = 4.8 kWh in the soak, then 12 × 100 Wh 16:00–17:00 (0.2 kWh under the cap, 1.0 above).
    const ivs = intervalsFor(["2025-11-12"], MEL, (t) => ({
      exportWh: (t >= "10:00" && t < "14:00") || (t >= "16:00" && t < "17:00") ? 100 : 0,
    }));
    const res = computeCosts({ plans: [plan({ feedIn })], zone: MEL, intervals: ivs });
    expect(r9(res.days[0].exportCents)).toBe(r9(4.8 * 2 + 0.2 * 20 + 1.0 * 1));
  });
});

describe("dynamic (Amber) prices", () => {
  const ivs = intervalsFor(["2025-11-12"], MEL, () => ({ importWh: 100, exportWh: 50 }));
  const prices = new Map(
    ivs.map((iv, i) => [iv.endMs, { importCentsPerKwh: i < 144 ? 10 : 40, feedInCentsPerKwh: i < 144 ? -2 : 8 }]),
  );

  it("prices each interval at its own price; a negative feed-in price costs money", () => {
    const p = plan({
      supply: { centsPerDay: 50 },
      import: { kind: "dynamic" },
      feedIn: { rates: { kind: "dynamic" } },
    });
    const res = computeCosts({ plans: [p], zone: MEL, intervals: ivs, prices });
    // import: 14.4 kWh × 10 + 14.4 kWh × 40; export: 7.2 kWh × −2 + 7.2 kWh × 8
    expect([r9(res.days[0].importCents), r9(res.days[0].exportCents)]).toEqual([720, 43.2]);
    expect(r9(res.days[0].netCents)).toBe(r9(50 + 720 - 43.2));
    expect(res.warnings).toEqual([]);
  });

  it("an interval without a price has an unknown cost, with a warning", () => {
    const holed = new Map(prices);
    holed.delete(ivs[10].endMs);
    const res = computeCosts({
      plans: [plan({ import: { kind: "dynamic" } })],
      zone: MEL,
      intervals: ivs,
      prices: holed,
    });
    expect([res.intervals[10].importCents, res.days[0].importCents]).toEqual([null, null]);
    expect(res.warnings).toEqual(["Some intervals have no dynamic price: their cost is unknown"]);
  });
});
