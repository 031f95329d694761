import type { HolidayRegion } from "@/lib/tariffs/holidays";
import {
  tariffPlanInputSchema,
  type DayKind,
  type TariffPlanFields,
  type TariffPlanInput,
  type TimeWindow,
  type TouPeriod,
} from "@/lib/tariffs/schema";
import { validatePlan } from "@/lib/tariffs/validate";
import { addIssues } from "./tariff-form-paths";

/*
 * The tariff editor's form state and its conversion to and from a plan. Inputs hold strings (what a person typed);
 * numbers are parsed here. Errors are keyed by the plan's own paths ("import.periods.0.windows.1.from"), so the
 * API's 400 issues and the schema's issues land next to the same fields as the form's own checks.
 */

export interface WindowForm {
  days: DayKind[];
  from: string;
  to: string;
  /** Blank for all year, or month numbers and ranges: "11-3", "6, 7, 8". */
  months: string;
}

export interface PeriodForm {
  name: string;
  rate: string;
  windows: WindowForm[];
}

export interface StepForm {
  upToKwh: string;
  rate: string;
}

export type ImportKind = "none" | "flat" | "tou" | "block" | "dynamic";
export type FeedInKind = "none" | "flat" | "tou" | "dynamic";

export interface TariffForm {
  name: string;
  effectiveFrom: string;
  currency: string;
  taxIncluded: boolean;
  taxRatePct: string;
  taxOnFeedIn: boolean;
  billingCycle: "monthly" | "quarterly";
  billingStartDay: string;
  billingStartMonth: string;
  holidayRegion: HolidayRegion | "";
  holidayPricedAs: DayKind;
  /** Extra public holidays, YYYY-MM-DD separated by commas or spaces. */
  holidayExtraDates: string;
  /** Cents per day; blank for no supply charge. */
  supply: string;
  importKind: ImportKind;
  importFlat: string;
  importPeriods: PeriodForm[];
  blockBasis: "day" | "billingPeriod";
  blockSteps: StepForm[];
  blockThen: string;
  controlledLoad: boolean;
  clRate: string;
  clSupply: string;
  feedInKind: FeedInKind;
  feedInFlat: string;
  feedInPeriods: PeriodForm[];
  feedInCap: boolean;
  capKwh: string;
  capAbove: string;
  demand: boolean;
  demandRate: string;
  demandPer: "day" | "billingPeriod";
  demandWindows: WindowForm[];
}

/** Problems by plan path; "" for the plan as a whole. */
export type FormErrors = Record<string, string>;

export const newWindow = (days: DayKind[] = ["weekday"]): WindowForm => ({ days, from: "", to: "", months: "" });
export const newPeriod = (name = ""): PeriodForm => ({ name, rate: "", windows: [newWindow(["weekday", "weekend"])] });

/** An empty plan starting on `effectiveFrom`: a flat import rate to fill in, nothing else. */
export function blankForm(effectiveFrom: string): TariffForm {
  return {
    name: "",
    effectiveFrom,
    currency: "AUD",
    taxIncluded: true,
    taxRatePct: "10",
    taxOnFeedIn: false,
    billingCycle: "monthly",
    billingStartDay: "1",
    billingStartMonth: "1",
    holidayRegion: "",
    holidayPricedAs: "weekend",
    holidayExtraDates: "",
    supply: "",
    importKind: "flat",
    importFlat: "",
    importPeriods: [newPeriod("Peak"), newPeriod("Off-peak")],
    blockBasis: "day",
    blockSteps: [{ upToKwh: "", rate: "" }],
    blockThen: "",
    controlledLoad: false,
    clRate: "",
    clSupply: "",
    feedInKind: "none",
    feedInFlat: "",
    feedInPeriods: [newPeriod("Feed-in")],
    feedInCap: false,
    capKwh: "",
    capAbove: "",
    demand: false,
    demandRate: "",
    demandPer: "day",
    demandWindows: [{ days: ["weekday"], from: "15:00", to: "21:00", months: "" }],
  };
}

const str = (n: number | undefined | null) => (n === undefined || n === null ? "" : String(n));

/** Month numbers as the form shows them, ranges joined: [11, 12, 1, 2] → "11-2", [6, 7, 8, 10] → "6-8, 10". */
export function formatMonths(months: readonly number[] | undefined): string {
  if (!months || months.length === 0 || months.length === 12) return "";
  const parts: string[] = [];
  let i = 0;
  while (i < months.length) {
    let j = i;
    while (j + 1 < months.length && months[j + 1] === (months[j] % 12) + 1) j++;
    parts.push(j > i ? `${months[i]}-${months[j]}` : String(months[i]));
    i = j + 1;
  }
  return parts.join(", ");
}

/** "11-2, 6" → [11, 12, 1, 2, 6] (a range may wrap the year end); blank → undefined (all year); null when invalid. */
export function parseMonths(text: string): number[] | undefined | null {
  const t = text.trim();
  if (!t) return undefined;
  const out: number[] = [];
  for (const part of t.split(/[,;\s]+/).filter(Boolean)) {
    const m = /^(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a < 1 || a > 12 || b < 1 || b > 12) return null;
    for (let k = a; ; k = (k % 12) + 1) {
      if (!out.includes(k)) out.push(k);
      if (k === b) break;
    }
  }
  return out.length === 12 ? undefined : out;
}

const windowToForm = (w: TimeWindow): WindowForm => ({
  days: [...w.days],
  from: w.from,
  to: w.to,
  months: formatMonths(w.months),
});
const periodToForm = (p: TouPeriod): PeriodForm => ({
  name: p.name,
  rate: str(p.centsPerKwh),
  windows: p.windows.map(windowToForm),
});

/** The form for a stored plan (or a preset); parts the plan lacks keep blank defaults, so switching them on is easy. */
export function planToForm(input: TariffPlanInput): TariffForm {
  const plan: TariffPlanFields = tariffPlanInputSchema.parse(input);
  const form = blankForm(plan.effectiveFrom);
  form.name = plan.name;
  form.currency = plan.currency;
  form.taxIncluded = plan.tax.included;
  if (!plan.tax.included) {
    form.taxRatePct = str(plan.tax.ratePct);
    form.taxOnFeedIn = plan.tax.onFeedIn;
  }
  form.billingCycle = plan.billing.cycle;
  form.billingStartDay = str(plan.billing.startDay);
  form.billingStartMonth = str(plan.billing.startMonth);
  form.holidayRegion = plan.holidays.region ?? "";
  form.holidayPricedAs = plan.holidays.pricedAs;
  form.holidayExtraDates = plan.holidays.extraDates.join(", ");
  form.supply = str(plan.supply?.centsPerDay);
  const imp = plan.import;
  form.importKind = imp ? imp.kind : "none";
  if (imp?.kind === "flat") form.importFlat = str(imp.centsPerKwh);
  if (imp?.kind === "tou") form.importPeriods = imp.periods.map(periodToForm);
  if (imp?.kind === "block") {
    form.blockBasis = imp.basis;
    form.blockSteps = imp.steps.map((s) => ({ upToKwh: str(s.upToKwh), rate: str(s.centsPerKwh) }));
    form.blockThen = str(imp.thenCentsPerKwh);
  }
  if (plan.controlledLoad) {
    form.controlledLoad = true;
    form.clRate = str(plan.controlledLoad.centsPerKwh);
    form.clSupply = str(plan.controlledLoad.supplyCentsPerDay);
  }
  const fi = plan.feedIn;
  form.feedInKind = fi ? fi.rates.kind : "none";
  if (fi?.rates.kind === "flat") form.feedInFlat = str(fi.rates.centsPerKwh);
  if (fi?.rates.kind === "tou") form.feedInPeriods = fi.rates.periods.map(periodToForm);
  if (fi?.dailyCap) {
    form.feedInCap = true;
    form.capKwh = str(fi.dailyCap.kwh);
    form.capAbove = str(fi.dailyCap.aboveCentsPerKwh);
  }
  if (plan.demand) {
    form.demand = true;
    form.demandRate = str(plan.demand.centsPerKw);
    form.demandPer = plan.demand.per;
    form.demandWindows = plan.demand.windows.map(windowToForm);
  }
  return form;
}

/** Collects number parse errors while building the plan. */
class Reader {
  errors: FormErrors = {};
  /** A required number; NaN (and an error at `path`) when blank or not a number. */
  num(text: string, path: string, what = "a number"): number {
    const t = text.trim().replace(/,/g, "");
    if (!t) {
      this.errors[path] ??= `Enter ${what}`;
      return NaN;
    }
    const n = Number(t);
    if (!Number.isFinite(n)) this.errors[path] ??= `“${text.trim()}” is not a number; enter ${what}, e.g. 27.5`;
    return n;
  }
  window(w: WindowForm, path: string): TimeWindow {
    const months = parseMonths(w.months);
    if (months === null) {
      this.errors[`${path}.months`] ??= "Use month numbers 1–12 and ranges, e.g. 11-3 for November to March";
    }
    return { days: w.days, from: w.from.trim(), to: w.to.trim(), ...(months ? { months } : {}) };
  }
  periods(ps: PeriodForm[], path: string): TouPeriod[] {
    return ps.map((p, i) => ({
      name: p.name,
      centsPerKwh: this.num(p.rate, `${path}.${i}.centsPerKwh`, "a rate in cents per kWh"),
      windows: p.windows.map((w, j) => this.window(w, `${path}.${i}.windows.${j}`)),
    }));
  }
}

/** The plan the form describes (as the API takes it), and the problems typing alone can show (blank or bad numbers). */
export function formToInput(form: TariffForm): { input: TariffPlanInput; errors: FormErrors } {
  const r = new Reader();
  const rate = "a rate in cents per kWh";
  const input: TariffPlanInput = {
    name: form.name,
    effectiveFrom: form.effectiveFrom.trim(),
    currency: form.currency.trim().toUpperCase(),
    tax: form.taxIncluded
      ? { included: true }
      : {
          included: false,
          ratePct: r.num(form.taxRatePct, "tax.ratePct", "a tax rate in %"),
          onFeedIn: form.taxOnFeedIn,
        },
    billing: {
      cycle: form.billingCycle,
      startDay: r.num(form.billingStartDay, "billing.startDay", "a day of the month (1–28)"),
      startMonth:
        form.billingCycle === "quarterly" ? r.num(form.billingStartMonth, "billing.startMonth", "a month") : 1,
    },
    holidays: {
      region: form.holidayRegion || null,
      extraDates: form.holidayExtraDates.split(/[,;\s]+/).filter(Boolean),
      pricedAs: form.holidayPricedAs,
    },
  };
  if (form.supply.trim()) input.supply = { centsPerDay: r.num(form.supply, "supply.centsPerDay", "cents per day") };
  switch (form.importKind) {
    case "flat":
      input.import = { kind: "flat", centsPerKwh: r.num(form.importFlat, "import.centsPerKwh", rate) };
      break;
    case "tou":
      input.import = { kind: "tou", periods: r.periods(form.importPeriods, "import.periods") };
      break;
    case "block":
      input.import = {
        kind: "block",
        basis: form.blockBasis,
        steps: form.blockSteps.map((s, i) => ({
          upToKwh: r.num(s.upToKwh, `import.steps.${i}.upToKwh`, "the kWh this step ends at"),
          centsPerKwh: r.num(s.rate, `import.steps.${i}.centsPerKwh`, rate),
        })),
        thenCentsPerKwh: r.num(form.blockThen, "import.thenCentsPerKwh", rate),
      };
      break;
    case "dynamic":
      input.import = { kind: "dynamic" };
      break;
  }
  if (form.controlledLoad) {
    input.controlledLoad = {
      centsPerKwh: r.num(form.clRate, "controlledLoad.centsPerKwh", rate),
      supplyCentsPerDay: form.clSupply.trim() ? r.num(form.clSupply, "controlledLoad.supplyCentsPerDay") : 0,
    };
  }
  if (form.feedInKind !== "none") {
    const rates =
      form.feedInKind === "flat"
        ? { kind: "flat" as const, centsPerKwh: r.num(form.feedInFlat, "feedIn.rates.centsPerKwh", rate) }
        : form.feedInKind === "tou"
          ? { kind: "tou" as const, periods: r.periods(form.feedInPeriods, "feedIn.rates.periods") }
          : { kind: "dynamic" as const };
    input.feedIn = { rates };
    if (form.feedInCap) {
      input.feedIn.dailyCap = {
        kwh: r.num(form.capKwh, "feedIn.dailyCap.kwh", "the kWh a day the first rate is paid for"),
        aboveCentsPerKwh: r.num(form.capAbove, "feedIn.dailyCap.aboveCentsPerKwh", rate),
      };
    }
  }
  if (form.demand) {
    input.demand = {
      windows: form.demandWindows.map((w, j) => r.window(w, `demand.windows.${j}`)),
      centsPerKw: r.num(form.demandRate, "demand.centsPerKw", "a rate in cents per kW"),
      per: form.demandPer,
    };
  }
  return { input, errors: r.errors };
}

/**
 * Everything wrong with the form before it is sent: unreadable numbers, the schema's rules, and the plan's own checks
 * (overlapping or uncovered time-of-use windows, keyed "import" / "feedIn.rates"). Empty `errors` = it can be saved.
 */
export function checkForm(form: TariffForm): { input: TariffPlanInput; errors: FormErrors; warnings: string[] } {
  const { input, errors } = formToInput(form);
  if (Object.keys(errors).length) return { input, errors, warnings: [] };
  const parsed = tariffPlanInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return { input, errors: addIssues({}, issues), warnings: [] };
  }
  const { errors: planErrors, warnings } = validatePlan(parsed.data);
  const out: FormErrors = {};
  for (const e of planErrors) out[e.path] = out[e.path] ? `${out[e.path]}; ${e.message}` : e.message;
  return { input, errors: out, warnings: warnings.map((w) => w.message) };
}
