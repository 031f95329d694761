import { TARIFF_PRESETS, presetPlan } from "../presets";
import { tariffPlanInputSchema, type TariffPlanInput, type TouPeriod } from "../schema";
import { validatePlan } from "../validate";
import { describeMonths } from "../windows";

const ALL = ["weekday", "weekend"] as const;
const p = (name: string, windows: TouPeriod["windows"], centsPerKwh = 10): TouPeriod => ({
  name,
  centsPerKwh,
  windows,
});
const errorsOf = (fields: Partial<TariffPlanInput>) =>
  validatePlan(tariffPlanInputSchema.parse({ name: "T", effectiveFrom: "2025-01-01", ...fields })).errors.map(
    (e) => e.message,
  );
const tou = (...periods: TouPeriod[]): Partial<TariffPlanInput> => ({ import: { kind: "tou", periods } });

describe("validatePlan names overlapping and uncovered time-of-use windows", () => {
  it.each<{ name: string; fields: Partial<TariffPlanInput>; errors: string[] }>([
    {
      name: "an overlap on weekdays",
      fields: tou(
        p("Peak", [{ days: ["weekday"], from: "16:00", to: "21:00" }]),
        p("Shoulder", [
          { days: ["weekday"], from: "07:00", to: "17:00" },
          { days: ["weekend"], from: "07:00", to: "22:00" },
        ]),
        p("Off-peak", [
          { days: ["weekday"], from: "21:00", to: "07:00" },
          { days: ["weekend"], from: "00:00", to: "07:00" },
        ]),
      ),
      errors: ["Peak and Shoulder overlap on weekdays 16:00–17:00", "weekends 22:00–24:00 has no rate"],
    },
    {
      name: "a gap across midnight is one gap",
      fields: tou(p("Day", [{ days: [...ALL], from: "07:00", to: "22:00" }])),
      errors: ["weekdays and weekends 22:00–07:00 have no rate"],
    },
    {
      name: "a season without a rate",
      fields: tou(
        p("Winter", [{ days: [...ALL], from: "00:00", to: "24:00", months: [6, 7, 8] }]),
        p("Summer", [{ days: [...ALL], from: "00:00", to: "24:00", months: [12, 1, 2] }]),
      ),
      errors: ["weekdays and weekends 00:00–24:00 in Mar–May and Sep–Nov have no rate"],
    },
    {
      name: "three periods overlapping",
      fields: tou(
        p("A", [{ days: [...ALL], from: "00:00", to: "24:00" }]),
        p("B", [{ days: ["weekend"], from: "10:00", to: "12:00" }]),
        p("C", [{ days: ["weekend"], from: "11:00", to: "13:00" }]),
      ),
      errors: [
        "A and B overlap on weekends 10:00–11:00",
        "A, B and C overlap on weekends 11:00–12:00",
        "A and C overlap on weekends 12:00–13:00",
      ],
    },
    {
      name: "public holidays need windows when priced by their own",
      fields: {
        ...tou(p("All", [{ days: [...ALL], from: "00:00", to: "24:00" }])),
        holidays: { region: "VIC" as const, pricedAs: "holiday" as const },
      },
      errors: ["public holidays 00:00–24:00 has no rate"],
    },
    {
      name: "feed-in schedules too",
      fields: {
        feedIn: { rates: { kind: "tou", periods: [p("Evening", [{ days: [...ALL], from: "16:00", to: "21:00" }])] } },
      },
      errors: ["Feed-in: weekdays and weekends 21:00–16:00 have no rate"],
    },
    {
      name: "duplicate period names",
      fields: tou(
        p("Peak", [{ days: [...ALL], from: "00:00", to: "12:00" }]),
        p("peak", [{ days: [...ALL], from: "12:00", to: "24:00" }]),
      ),
      errors: ["two periods share the name Peak"],
    },
    {
      name: "demand windows off the half hour",
      fields: { demand: { windows: [{ days: ["weekday"], from: "15:15", to: "21:00" }], centsPerKw: 20, per: "day" } },
      errors: [
        "Demand window 15:15–21:00 must start and end on the hour or half hour (demand is measured per half hour)",
      ],
    },
  ])("$name", ({ fields, errors }) => {
    expect(errorsOf(fields)).toEqual(errors);
  });

  it.each(TARIFF_PRESETS.map((preset) => preset.id))("preset %s is valid", (id) => {
    const plan = tariffPlanInputSchema.parse(presetPlan(id, "2025-07-01"));
    expect(validatePlan(plan).errors).toEqual([]);
  });

  it("warns about a plan without import rates and unused holiday windows", () => {
    const plan = tariffPlanInputSchema.parse({
      name: "T",
      effectiveFrom: "2025-01-01",
      feedIn: {
        rates: {
          kind: "tou",
          periods: [p("All", [{ days: ["weekday", "weekend", "holiday"], from: "00:00", to: "24:00" }])],
        },
      },
      holidays: { region: "NSW" },
    });
    expect(validatePlan(plan).warnings.map((w) => w.message)).toEqual([
      "The plan has no import rate, so imported energy costs nothing",
      "Windows for public holidays are not used: holidays are priced as weekends",
    ]);
  });
});

describe("the plan schema refuses what cannot be priced", () => {
  const base = { name: "T", effectiveFrom: "2025-01-01" };
  it.each<{ name: string; fields: Partial<TariffPlanInput>; message: string }>([
    {
      name: "a time off the 5-minute grid",
      fields: tou(p("A", [{ days: ["weekday"], from: "07:02", to: "09:00" }])),
      message: "5-minute",
    },
    {
      name: "an empty window",
      fields: tou(p("A", [{ days: ["weekday"], from: "07:00", to: "07:00" }])),
      message: "same time",
    },
    {
      name: "a window from 24:00",
      fields: tou(p("A", [{ days: ["weekday"], from: "24:00", to: "07:00" }])),
      message: "24:00",
    },
    { name: "a date that does not exist", fields: { effectiveFrom: "2025-02-30" }, message: "calendar date" },
    {
      name: "steps that go down",
      fields: {
        import: {
          kind: "block" as const,
          basis: "day" as const,
          steps: [
            { upToKwh: 5, centsPerKwh: 1 },
            { upToKwh: 3, centsPerKwh: 2 },
          ],
          thenCentsPerKwh: 3,
        },
      },
      message: "above the one before",
    },
    { name: "an unknown field", fields: { colour: "red" } as Partial<TariffPlanInput>, message: "Unrecognized key" },
    { name: "a lower-case currency", fields: { currency: "aud" }, message: "ISO 4217" },
    { name: "a control character in a name", fields: { name: "Plan\u0000" }, message: "printable characters only" },
  ])("$name", ({ fields, message }) => {
    const res = tariffPlanInputSchema.safeParse({ ...base, ...fields });
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => i.message).join(" | ")).toContain(message);
  });

  it("fills the defaults: AUD, tax included, monthly from the 1st, holidays as weekends", () => {
    expect(tariffPlanInputSchema.parse(base)).toEqual({
      ...base,
      currency: "AUD",
      tax: { included: true },
      billing: { cycle: "monthly", startDay: 1, startMonth: 1 },
      holidays: { region: null, extraDates: [], pricedAs: "weekend" },
    });
  });
});

describe("describeMonths", () => {
  it.each([
    { months: [6, 7, 8], text: "Jun–Aug" },
    { months: [1, 2, 12], text: "Jan, Feb and Dec" },
    { months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], text: "" },
    { months: [3], text: "Mar" },
  ])("$months → $text", ({ months, text }) => expect(describeMonths(months)).toBe(text));
});
