import { DateTime } from "luxon";
import type { TariffPlanInput } from "@/lib/tariffs";
import { MEL, plan } from "@/lib/tariffs/__tests__/fixtures";
import { dayBounds } from "@/lib/time/zones";
import { counterfactualInterval } from "@/lib/tariffs/counterfactuals";
import { computeCostDays, INTERVAL_MS, pricingStart, tariffIntervals, type CostFlows, type CostPlan } from "../compute";
import { billEstimate, settleDays } from "../settle";

/*
 * Costs per stored day (lib/costs) on top of the engine (lib/tariffs, whose own table-driven tests cover each
 * component per interval): each component alone and combined, time of use across both daylight-saving days, a
 * public holiday, block steps per billing period crossing mid-interval and across days, feed-in caps, demand
 * settled over a month, and a plan change mid-month.
 */

interface Energy {
  importWh?: number;
  exportWh?: number;
  loadWh?: number;
  solarWh?: number;
}

/** Flows for every 5-minute interval of consecutive local days, energy chosen by the local start time. */
function flowsFor(days: string[], zone: string, energy: (hhmm: string, day: string) => Energy): CostFlows {
  const start = dayBounds(days[0], zone).startMs;
  const end = dayBounds(days[days.length - 1], zone).endMs;
  const n = (end - start) / INTERVAL_MS;
  const arr = () => new Float64Array(n);
  const f: CostFlows = {
    firstEndMs: start + INTERVAL_MS,
    count: n,
    importWh: arr(),
    exportWh: arr(),
    loadWh: arr(),
    solarWh: arr(),
    solarToGridWh: arr(),
    estimated: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const dt = DateTime.fromMillis(start + i * INTERVAL_MS, { zone });
    const e = energy(dt.toFormat("HH:mm"), dt.toISODate()!);
    f.importWh[i] = e.importWh ?? 0;
    f.exportWh[i] = e.exportWh ?? 0;
    f.loadWh[i] = e.loadWh ?? e.importWh ?? 0;
    f.solarWh[i] = e.solarWh ?? 0;
    f.solarToGridWh[i] = e.exportWh ?? 0;
  }
  return f;
}

const withVersion = (fields: Partial<TariffPlanInput>, id = 1): CostPlan => ({ ...plan(fields, id), id, version: 1 });
const spans = (days: string[]) => days.map((day) => ({ day, ...dayBounds(day, MEL) }));
const r6 = (n: number | null) => (n === null ? null : Math.round(n * 1e6) / 1e6);

const EVERY_DAY_TOU: TariffPlanInput["import"] = {
  kind: "tou",
  periods: [
    { name: "Peak", centsPerKwh: 50, windows: [{ days: ["weekday", "weekend"], from: "15:00", to: "21:00" }] },
    { name: "Off-peak", centsPerKwh: 20, windows: [{ days: ["weekday", "weekend"], from: "21:00", to: "15:00" }] },
  ],
};
const WEEKDAY_PEAK: TariffPlanInput["import"] = {
  kind: "tou",
  periods: [
    { name: "Peak", centsPerKwh: 50, windows: [{ days: ["weekday"], from: "15:00", to: "21:00" }] },
    {
      name: "Off-peak",
      centsPerKwh: 20,
      windows: [
        { days: ["weekday"], from: "21:00", to: "15:00" },
        { days: ["weekend"], from: "00:00", to: "24:00" },
      ],
    },
  ],
};

interface Case {
  name: string;
  fields: Partial<TariffPlanInput>;
  day: string;
  energy: Energy;
  want: Partial<Record<"importCents" | "exportCents" | "supplyCents" | "controlledLoadCents" | "netCents", number>> & {
    intervals?: number;
    demandPeakW?: number | null;
  };
}

const CASES: Case[] = [
  {
    name: "flat import alone",
    fields: { import: { kind: "flat", centsPerKwh: 30 } },
    day: "2026-03-10",
    energy: { importWh: 10 },
    want: { importCents: 288 * 0.3, exportCents: 0, supplyCents: 0, netCents: 288 * 0.3 },
  },
  {
    name: "supply alone",
    fields: { supply: { centsPerDay: 110 } },
    day: "2026-03-10",
    energy: { importWh: 10 },
    want: { importCents: 0, supplyCents: 110, netCents: 110 },
  },
  {
    name: "flat feed-in alone (a credit)",
    fields: { feedIn: { rates: { kind: "flat", centsPerKwh: 5 } } },
    day: "2026-03-10",
    energy: { exportWh: 10, solarWh: 10 },
    want: { exportCents: 288 * 0.05, netCents: -288 * 0.05 },
  },
  {
    name: "feed-in cap: the first 2 kWh at 10 c, the rest at 2 c",
    fields: { feedIn: { rates: { kind: "flat", centsPerKwh: 10 }, dailyCap: { kwh: 2, aboveCentsPerKwh: 2 } } },
    day: "2026-03-10",
    energy: { exportWh: 10, solarWh: 10 },
    want: { exportCents: 20 + 0.88 * 2 },
  },
  {
    name: "tax added to rates quoted without it",
    fields: {
      tax: { included: false, ratePct: 10 },
      import: { kind: "flat", centsPerKwh: 30 },
      supply: { centsPerDay: 100 },
    },
    day: "2026-03-10",
    energy: { importWh: 10 },
    want: { importCents: 288 * 0.3 * 1.1, supplyCents: 110 },
  },
  {
    name: "TOU on the 23-hour day (DST starts): Peak keeps 6 wall-clock hours",
    fields: { import: EVERY_DAY_TOU },
    day: "2026-10-04",
    energy: { importWh: 12 },
    want: { importCents: 72 * 12 * 0.05 + 204 * 12 * 0.02, intervals: 276 },
  },
  {
    name: "TOU on the 25-hour day (DST ends)",
    fields: { import: EVERY_DAY_TOU },
    day: "2026-04-05",
    energy: { importWh: 12 },
    want: { importCents: 72 * 12 * 0.05 + 228 * 12 * 0.02, intervals: 300 },
  },
  {
    name: "a public holiday (Australia Day, a Monday) is priced as a weekend: no Peak",
    fields: { import: WEEKDAY_PEAK, holidays: { region: "VIC", extraDates: [], pricedAs: "weekend" } },
    day: "2026-01-26",
    energy: { importWh: 12 },
    want: { importCents: 288 * 12 * 0.02 },
  },
  {
    name: "the Monday after is an ordinary weekday",
    fields: { import: WEEKDAY_PEAK, holidays: { region: "VIC", extraDates: [], pricedAs: "weekend" } },
    day: "2026-02-02",
    energy: { importWh: 12 },
    want: { importCents: 72 * 12 * 0.05 + 216 * 12 * 0.02 },
  },
  {
    name: "block per day: an interval crossing 1 kWh is split",
    fields: { import: { kind: "block", basis: "day", steps: [{ upToKwh: 1, centsPerKwh: 20 }], thenCentsPerKwh: 40 } },
    day: "2026-03-10",
    energy: { importWh: 15 },
    // 66 intervals = 990 Wh, the 67th crosses 1000 Wh: 10 Wh at 20 c and 5 Wh at 40 c.
    want: { importCents: 1 * 20 + (288 * 15 - 1000) * 0.04 },
  },
  {
    name: "controlled load with its own rate and supply",
    fields: { controlledLoad: { centsPerKwh: 15, supplyCentsPerDay: 20 } },
    day: "2026-03-10",
    energy: { importWh: 0 },
    want: { controlledLoadCents: 288 * 5 * 0.015 + 20 },
  },
  {
    name: "demand: the day's peak half hour in the window",
    fields: {
      demand: { windows: [{ days: ["weekday"], from: "15:00", to: "21:00" }], centsPerKw: 3000, per: "billingPeriod" },
    },
    day: "2026-03-10",
    energy: { importWh: 10 },
    want: { demandPeakW: 120 },
  },
  {
    name: "everything combined",
    fields: {
      supply: { centsPerDay: 100 },
      import: EVERY_DAY_TOU,
      feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
      controlledLoad: { centsPerKwh: 15, supplyCentsPerDay: 20 },
    },
    day: "2026-03-10",
    energy: { importWh: 12, exportWh: 10, solarWh: 10 },
    want: {
      netCents: 100 + 72 * 12 * 0.05 + 216 * 12 * 0.02 + 288 * 5 * 0.015 + 20 - 288 * 10 * 0.005,
    },
  },
];

describe("computeCostDays: each component alone and combined", () => {
  it.each(CASES)("$name", ({ fields, day, energy, want }) => {
    const plans = [withVersion(fields)];
    const flows = flowsFor([day], MEL, () => energy);
    if (fields.controlledLoad) flows.controlledLoadWh = new Float64Array(flows.count).fill(5);
    const { days } = computeCostDays({ plans, zone: MEL, flows, days: spans([day]), kgPerKwh: 0.77 });
    const d = days[0];
    const got = {
      importCents: r6(d.importCents),
      exportCents: r6(d.exportCents),
      supplyCents: r6(d.supplyCents),
      controlledLoadCents: r6(d.controlledLoadCents),
      netCents: r6(settleDays(days, plans)[0].netCents),
      intervals: d.intervals,
      demandPeakW: d.demandPeakW,
    };
    for (const [k, v] of Object.entries(want)) {
      expect([k, got[k as keyof typeof got]]).toEqual([k, typeof v === "number" ? r6(v) : v]);
    }
    expect(d).toMatchObject({ day, planId: 1, planVersion: 1 });
  });
});

describe("block steps per billing period", () => {
  const fields: Partial<TariffPlanInput> = {
    import: { kind: "block", basis: "billingPeriod", steps: [{ upToKwh: 5, centsPerKwh: 20 }], thenCentsPerKwh: 40 },
  };
  const plans = [withVersion(fields)];
  it("a day is priced from the start of its period (the steps run across days)", () => {
    expect(pricingStart(plans, "2026-03-03")).toBe("2026-03-01");
    expect(pricingStart([withVersion({ import: { kind: "flat", centsPerKwh: 1 } })], "2026-03-03")).toBe("2026-03-03");
    // 2.88 kWh a day: Mar 1 all at 20 c, Mar 2 crosses 5 kWh (2.12 at 20 c, 0.76 at 40 c), Mar 3 all at 40 c.
    const flows = flowsFor(["2026-03-01", "2026-03-02", "2026-03-03"], MEL, () => ({ importWh: 10 }));
    const one = computeCostDays({ plans, zone: MEL, flows, days: spans(["2026-03-03"]), kgPerKwh: 0.5 });
    expect(r6(one.days[0].importCents)).toBe(r6(2.88 * 40));
    const all = computeCostDays({
      plans,
      zone: MEL,
      flows,
      days: spans(["2026-03-01", "2026-03-02", "2026-03-03"]),
      kgPerKwh: 0.5,
    });
    expect(all.days.map((d) => r6(d.importCents))).toEqual([r6(2.88 * 20), r6(2.12 * 20 + 0.76 * 40), r6(2.88 * 40)]);
  });
});

describe("demand settled over a month, and a plan change mid-month", () => {
  const demand = (centsPerKw: number): Partial<TariffPlanInput> => ({
    supply: { centsPerDay: 100 },
    import: { kind: "flat", centsPerKwh: 30 },
    demand: {
      windows: [{ days: ["weekday", "weekend"], from: "15:00", to: "21:00" }],
      centsPerKw,
      per: "billingPeriod",
    },
  });
  const days = ["2026-03-09", "2026-03-10", "2026-03-11"];
  // A 2 kW half hour on the 10th at 17:00; 600 W otherwise.
  const flows = flowsFor(days, MEL, (hhmm, day) => ({
    importWh: day === "2026-03-10" && hhmm >= "17:00" && hhmm < "17:30" ? 2000 / 12 : 50,
  }));

  it("the period's highest half hour prices every day of it, spread over its 31 days", () => {
    const plans = [withVersion(demand(3100))];
    const out = computeCostDays({ plans, zone: MEL, flows, days: spans(days), kgPerKwh: 0.5 });
    expect(out.days.map((d) => r6(d.demandPeakW))).toEqual([600, 2000, 600]);
    const settled = settleDays(out.days, plans);
    for (const d of settled) expect(r6(d.demandCents)).toBe(r6((2 * 3100) / 31));
  });

  it("a plan change on the 11th: old days keep the old plan and its own demand; new days the new", () => {
    const plans = [withVersion(demand(3100), 1), { ...withVersion(demand(6200), 2), effectiveFrom: "2026-03-11" }];
    const out = computeCostDays({ plans, zone: MEL, flows, days: spans(days), kgPerKwh: 0.5 });
    expect(out.days.map((d) => d.planId)).toEqual([1, 1, 2]);
    const settled = settleDays(out.days, plans);
    // Plan 1's part of March peaked at 2 kW; plan 2's part only at 0.6 kW (each spread over March's 31 days).
    expect(settled.map((d) => r6(d.demandCents))).toEqual([r6(6200 / 31), r6(6200 / 31), r6((0.6 * 6200) / 31)]);
  });

  it("a bill projects the ended days' average net over the period", () => {
    const plans = [withVersion(demand(0))];
    const out = computeCostDays({ plans, zone: MEL, flows, days: spans(days), kgPerKwh: 0.5 });
    const settled = settleDays(out.days, plans);
    const bill = billEstimate({ start: "2026-03-01", end: "2026-04-01", planId: 1 }, settled, "2026-03-11", null);
    const ended = settled[0].netCents! + settled[1].netCents!;
    expect(bill).toMatchObject({ days: 31, daysSoFar: 3, actualCents: null, differenceCents: null });
    expect(r6(bill.projectedNetCents)).toBe(r6(ended + (ended / 2) * 29));
  });
});

describe("unknown energy and estimates", () => {
  it("an unknown import makes the day's cost, savings and carbon unknown; estimated energy marks the day", () => {
    const plans = [withVersion({ import: { kind: "flat", centsPerKwh: 30 } })];
    const flows = flowsFor(["2026-03-10"], MEL, () => ({ importWh: 10 }));
    flows.importWh[100] = NaN;
    flows.estimated[5] = 1;
    const { days } = computeCostDays({ plans, zone: MEL, flows, days: spans(["2026-03-10"]), kgPerKwh: 0.5 });
    const [s] = settleDays(days, plans);
    expect(s).toMatchObject({ importCents: null, netCents: null, estimated: true, unknownIntervals: 1 });
    expect(s.carbon.importG).toBeNull();
    expect(s.savings.batteryCents).toBeNull();
  });
});

describe("tariffIntervals", () => {
  it("matches lib/tariffs counterfactualInterval for known and unknown flows", () => {
    const f = flowsFor(["2026-03-10"], MEL, (hhmm) => ({
      importWh: 5,
      exportWh: 0,
      loadWh: 20,
      solarWh: hhmm < "12:00" ? 15 : 30,
    }));
    f.loadWh[3] = NaN;
    f.solarWh[4] = NaN;
    f.controlledLoadWh = new Float64Array(f.count).fill(2);
    const got = tariffIntervals(f);
    for (const i of [0, 3, 4, 200]) {
      const flow = {
        endMs: f.firstEndMs + i * INTERVAL_MS,
        loadWh: Number.isNaN(f.loadWh[i]) ? null : f.loadWh[i],
        solarWh: Number.isNaN(f.solarWh[i]) ? null : f.solarWh[i],
        controlledLoadWh: 2,
      };
      expect(got.noSolar[i]).toEqual(counterfactualInterval(flow, "noSolarNoBattery"));
      expect(got.solarOnly[i]).toEqual(counterfactualInterval(flow, "solarNoBattery"));
    }
  });
});
