import { presetPlan, TARIFF_PRESETS } from "@/lib/tariffs/presets";
import { tariffPlanInputSchema, type TariffPlanInput } from "@/lib/tariffs/schema";
import {
  blankForm,
  checkForm,
  formatMonths,
  formToInput,
  parseMonths,
  planToForm,
  type TariffForm,
} from "../tariff-form";
import { addIssues, fieldPaths, formPath } from "../tariff-form-paths";
import { describePlan, planFields, planRanges, todayLocal } from "../tariff-view";

const FULL: TariffPlanInput = {
  name: "Everything",
  effectiveFrom: "2025-07-01",
  currency: "NZD",
  tax: { included: false, ratePct: 15, onFeedIn: true },
  billing: { cycle: "quarterly", startDay: 15, startMonth: 2 },
  holidays: { region: "VIC", extraDates: ["2025-12-24", "2025-12-31"], pricedAs: "holiday" },
  supply: { centsPerDay: 98.5 },
  import: {
    kind: "tou",
    periods: [
      {
        name: "Peak",
        centsPerKwh: 45,
        windows: [
          { days: ["weekday"], from: "15:00", to: "21:00", months: [11, 12, 1, 2, 3] },
          { days: ["weekday"], from: "16:00", to: "20:00", months: [4, 5, 6, 7, 8, 9, 10] },
        ],
      },
      {
        name: "Off-peak",
        centsPerKwh: 18,
        windows: [
          { days: ["weekday"], from: "21:00", to: "15:00", months: [11, 12, 1, 2, 3] },
          { days: ["weekday"], from: "20:00", to: "16:00", months: [4, 5, 6, 7, 8, 9, 10] },
          { days: ["weekend", "holiday"], from: "00:00", to: "24:00" },
        ],
      },
    ],
  },
  controlledLoad: { centsPerKwh: 15, supplyCentsPerDay: 20 },
  feedIn: {
    rates: {
      kind: "tou",
      periods: [
        {
          name: "Evening",
          centsPerKwh: 12,
          windows: [{ days: ["weekday", "weekend", "holiday"], from: "16:00", to: "21:00" }],
        },
        {
          name: "Other",
          centsPerKwh: 3,
          windows: [{ days: ["weekday", "weekend", "holiday"], from: "21:00", to: "16:00" }],
        },
      ],
    },
    dailyCap: { kwh: 10, aboveCentsPerKwh: 1 },
  },
  demand: { windows: [{ days: ["weekday"], from: "15:00", to: "21:00" }], centsPerKw: 30, per: "billingPeriod" },
};

const roundTrip: Array<[string, TariffPlanInput]> = [
  ...TARIFF_PRESETS.map((p): [string, TariffPlanInput] => [`preset ${p.id}`, presetPlan(p.id, "2025-01-01")]),
  ["every component", FULL],
  [
    "block per billing period",
    {
      name: "Steps",
      effectiveFrom: "2024-03-01",
      import: {
        kind: "block",
        basis: "billingPeriod",
        steps: [
          { upToKwh: 100, centsPerKwh: 20 },
          { upToKwh: 300, centsPerKwh: 25 },
        ],
        thenCentsPerKwh: 30,
      },
    },
  ],
  [
    "dynamic prices, no supply",
    { name: "Spot", effectiveFrom: "2024-01-01", import: { kind: "dynamic" }, feedIn: { rates: { kind: "dynamic" } } },
  ],
  ["nothing but a name", { name: "Empty", effectiveFrom: "2024-01-01" }],
];

describe("planToForm ↔ formToInput", () => {
  it.each(roundTrip)("%s survives a round trip through the form", (_, plan) => {
    const parsed = tariffPlanInputSchema.parse(plan);
    const { input, errors } = formToInput(planToForm(plan));
    expect(errors).toEqual({});
    expect(tariffPlanInputSchema.parse(input)).toEqual(parsed);
  });

  it.each(roundTrip)("%s passes the form's checks", (_, plan) => {
    expect(checkForm(planToForm(plan)).errors).toEqual({});
  });
});

describe("formToInput errors", () => {
  const base = () => planToForm(FULL);
  const cases: Array<[string, (f: TariffForm) => void, string, RegExp]> = [
    ["blank flat rate", (f) => ((f.importKind = "flat"), (f.importFlat = " ")), "import.centsPerKwh", /Enter a rate/],
    ["text as a rate", (f) => (f.importPeriods[1].rate = "cheap"), "import.periods.1.centsPerKwh", /not a number/],
    ["bad months", (f) => (f.importPeriods[0].windows[0].months = "13"), "import.periods.0.windows.0.months", /1–12/],
    ["blank supply is none, bad supply is an error", (f) => (f.supply = "x"), "supply.centsPerDay", /not a number/],
    ["cap without kWh", (f) => (f.capKwh = ""), "feedIn.dailyCap.kwh", /Enter the kWh/],
    ["tax rate", (f) => (f.taxRatePct = ""), "tax.ratePct", /tax rate/],
    [
      "block step",
      (f) => ((f.importKind = "block"), (f.blockSteps = [{ upToKwh: "a", rate: "1" }]), (f.blockThen = "2")),
      "import.steps.0.upToKwh",
      /not a number/,
    ],
    ["demand rate", (f) => (f.demandRate = "-"), "demand.centsPerKw", /not a number/],
  ];
  it.each(cases)("%s", (_, edit, path, message) => {
    const form = base();
    edit(form);
    const { errors } = checkForm(form);
    expect(errors[path]).toMatch(message);
    expect(fieldPaths(form).has(path)).toBe(true);
  });

  it("a blank supply charge means none", () => {
    const form = base();
    form.supply = "";
    expect(formToInput(form).input.supply).toBeUndefined();
  });
});

describe("checkForm: schema and schedule problems land next to the fields", () => {
  const cases: Array<[string, (f: TariffForm) => void, string, RegExp]> = [
    [
      "overlapping periods",
      (f) => (f.importPeriods[0].windows[0].to = "22:00"),
      "import",
      /Peak and Off-peak overlap on weekdays 21:00–22:00/,
    ],
    ["a gap", (f) => (f.importPeriods[1].windows[2].to = "23:00"), "import", /23:00–24:00 .*no rate/],
    [
      "feed-in gap",
      (f) => (f.feedInPeriods[1].windows[0].to = "15:00"),
      "feedIn.rates",
      /^Feed-in: .*15:00–16:00 .*no rate/,
    ],
    ["a bad time", (f) => (f.importPeriods[0].windows[0].from = "3pm"), "import.periods.0.windows.0.from", /HH:mm/],
    ["no days", (f) => (f.demandWindows[0].days = []), "demand.windows.0.days", /at least one kind of day/],
    ["unnamed period", (f) => (f.importPeriods[0].name = " "), "import.periods.0.name", /Name the period/],
    ["no name", (f) => (f.name = ""), "name", /Name the plan/],
    ["bad date", (f) => (f.effectiveFrom = "2025-02-30"), "effectiveFrom", /calendar date/],
    ["bad extra holiday", (f) => (f.holidayExtraDates = "2025-12-24, soon"), "holidays.extraDates", /YYYY-MM-DD/],
    [
      "steps out of order",
      (f) => (
        (f.importKind = "block"),
        (f.blockSteps = [
          { upToKwh: "10", rate: "1" },
          { upToKwh: "5", rate: "2" },
        ]),
        (f.blockThen = "3")
      ),
      "import.steps",
      /end above/,
    ],
  ];
  it.each(cases)("%s", (_, edit, path, message) => {
    const form = planToForm(FULL);
    edit(form);
    const { errors } = checkForm(form);
    expect(errors[path]).toMatch(message);
    expect(fieldPaths(form).has(path)).toBe(true);
  });
});

describe("months", () => {
  it.each<[string, number[] | undefined | null]>([
    ["", undefined],
    ["1-12", undefined],
    ["11-2", [11, 12, 1, 2]],
    ["6, 7 8", [6, 7, 8]],
    ["4–10", [4, 5, 6, 7, 8, 9, 10]],
    ["0", null],
    ["jan", null],
  ])("parseMonths(%j)", (text, months) => expect(parseMonths(text)).toEqual(months));

  it.each<[number[] | undefined, string]>([
    [undefined, ""],
    [[11, 12, 1, 2], "11-2"],
    [[6, 7, 8, 10], "6-8, 10"],
    [[3], "3"],
  ])("formatMonths(%j)", (months, text) => {
    expect(formatMonths(months)).toBe(text);
    expect(parseMonths(text)).toEqual(months);
  });
});

describe("API issues", () => {
  it("drops list indexes of multi-value fields and keeps the first message per path", () => {
    expect(formPath("holidays.extraDates.3")).toBe("holidays.extraDates");
    expect(formPath("import.periods.0.windows.1.days.0")).toBe("import.periods.0.windows.1.days");
    expect(formPath("import.periods.0.windows.1.from")).toBe("import.periods.0.windows.1.from");
    expect(
      addIssues({ import: "first" }, [
        { path: "import", message: "second" },
        { path: "name", message: "Name the plan" },
      ]),
    ).toEqual({ import: "first", name: "Name the plan" });
  });

  it("a blank form asks for the flat rate and a name", () => {
    const { errors } = checkForm(blankForm("2025-01-01"));
    expect(Object.keys(errors)).toEqual(["import.centsPerKwh"]);
    const named = { ...blankForm("2025-01-01"), importFlat: "30" };
    expect(checkForm(named).errors).toEqual({ name: "Name the plan" });
  });
});

describe("plan list helpers", () => {
  it.each<[string[], string[]]>([
    [["2024-01-01"], ["From 2024-01-01 on"]],
    [
      ["2025-03-01", "2024-01-01"],
      ["From 2025-03-01 on", "From 2024-01-01 to 2025-02-28"],
    ],
    [
      ["2024-01-01", "2024-03-01", "2025-01-01"],
      ["From 2024-01-01 to 2024-02-29", "From 2024-03-01 to 2024-12-31", "From 2025-01-01 on"],
    ],
  ])("planRanges(%j)", (starts, expected) => {
    const ranges = planRanges(starts.map((effectiveFrom, id) => ({ id, effectiveFrom })));
    expect(starts.map((_, id) => ranges.get(id))).toEqual(expected);
  });

  it.each<[string, TariffPlanInput, string]>([
    [
      "tou",
      presetPlan("tou", "2025-01-01"),
      "Time of use: Peak 45 c, Shoulder 28 c, Off-peak 18 c per kWh · supply 115 c/day · feed-in 5 c/kWh",
    ],
    [
      "capped",
      presetPlan("flat-capped-feed-in", "2025-01-01"),
      "Single rate 31 c/kWh · supply 105 c/day · feed-in 10 c/kWh (first 10 kWh a day)",
    ],
    [
      "block",
      presetPlan("block", "2025-01-01"),
      "Stepped per day: to 11 kWh 27 c, then 33 c per kWh · supply 100 c/day · feed-in 5 c/kWh",
    ],
    [
      "everything",
      FULL,
      expect.stringContaining(
        "controlled load 15 c/kWh · feed-in by time of use (first 10 kWh a day) · demand 30 c/kW · plus 15% tax · NZD",
      ) as unknown as string,
    ],
    ["empty", { name: "x", effectiveFrom: "2024-01-01" }, "No import rate"],
  ])("describePlan: %s", (_, plan, text) => {
    expect(describePlan(tariffPlanInputSchema.parse(plan))).toEqual(text);
  });

  it("planFields drops identity, version and warnings", () => {
    const fields = tariffPlanInputSchema.parse(FULL);
    const stored = { ...fields, id: 3, systemId: 1, version: 2, createdAtMs: 1, updatedAtMs: 2, warnings: ["w"] };
    expect(planFields(stored)).toEqual(fields);
    expect(tariffPlanInputSchema.safeParse(planFields(stored)).success).toBe(true);
  });

  it("todayLocal", () => expect(todayLocal(new Date(2025, 0, 5, 23, 59))).toBe("2025-01-05"));
});
