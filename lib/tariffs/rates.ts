import { holidayCalendar, type HolidayCalendar } from "./holidays";
import type { DayKind, PricedPlan, TouPeriod } from "./schema";
import { periodBySlot, windowApplies, windowSlots, SLOTS_PER_DAY } from "./windows";

/** A rate (c/kWh, before tax) and the name of the period it belongs to; rate null where a schedule has a gap. */
export interface SlotRate {
  centsPerKwh: number | null;
  period: string | null;
}

/** A plan prepared for pricing: per (kind of day, month) tables of the 288 slots, built once and reused. */
export interface CompiledPlan {
  plan: PricedPlan;
  holidays: HolidayCalendar;
  /** Multipliers that add tax to quoted rates (1 when rates include it). */
  chargeTax: number;
  creditTax: number;
  /** Import / feed-in priced per interval from the engine's `prices` instead of the tables. */
  importDynamic: boolean;
  feedInDynamic: boolean;
  importRates(kind: DayKind, month: number): readonly SlotRate[];
  feedInRates(kind: DayKind, month: number): readonly SlotRate[];
  /** 1 for the slots inside the demand windows. */
  demandSlots(kind: DayKind, month: number): Uint8Array;
}

type Schedule = { kind: "flat"; centsPerKwh: number } | { kind: "tou"; periods: TouPeriod[] } | { kind: "dynamic" };

function memo<T>(build: (kind: DayKind, month: number) => T): (kind: DayKind, month: number) => T {
  const cache = new Map<string, T>();
  return (kind, month) => {
    const key = `${kind}${month}`;
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = build(kind, month)));
    return v;
  };
}

function scheduleTables(schedule: Schedule | undefined): (kind: DayKind, month: number) => readonly SlotRate[] {
  const gap: SlotRate = { centsPerKwh: null, period: null };
  if (!schedule || schedule.kind === "dynamic") return memo(() => new Array<SlotRate>(SLOTS_PER_DAY).fill(gap));
  if (schedule.kind === "flat") {
    const flat = new Array<SlotRate>(SLOTS_PER_DAY).fill({ centsPerKwh: schedule.centsPerKwh, period: null });
    return () => flat;
  }
  const rates: SlotRate[] = schedule.periods.map((p) => ({ centsPerKwh: p.centsPerKwh, period: p.name }));
  return memo((kind, month) =>
    Array.from(periodBySlot(schedule.periods, kind, month), (i) => (i < 0 ? gap : rates[i])),
  );
}

/** Builds the lookups of a plan; `calendar` overrides the plan's own holiday settings (tests, other regions). */
export function compilePlan(plan: PricedPlan, calendar?: HolidayCalendar): CompiledPlan {
  const chargeTax = plan.tax.included ? 1 : 1 + plan.tax.ratePct / 100;
  const creditTax = plan.tax.included || !plan.tax.onFeedIn ? 1 : chargeTax;
  const demandWindows = plan.demand?.windows ?? [];
  return {
    plan,
    holidays: calendar ?? holidayCalendar(plan.holidays.region, plan.holidays.extraDates),
    chargeTax,
    creditTax,
    importDynamic: plan.import?.kind === "dynamic",
    feedInDynamic: plan.feedIn?.rates.kind === "dynamic",
    importRates: scheduleTables(plan.import?.kind === "block" ? undefined : plan.import),
    feedInRates: scheduleTables(plan.feedIn?.rates),
    demandSlots: memo((kind, month) => {
      const table = new Uint8Array(SLOTS_PER_DAY);
      for (const w of demandWindows) {
        if (!windowApplies(w, kind, month)) continue;
        for (const [a, b] of windowSlots(w)) table.fill(1, a, b);
      }
      return table;
    }),
  };
}

/** Steps of a block tariff in Wh: energy up to `upToWh` (cumulative) at `centsPerKwh`, the rest at `thenCentsPerKwh`. */
export interface Steps {
  steps: ReadonlyArray<{ upToWh: number; centsPerKwh: number }>;
  thenCentsPerKwh: number;
}

/**
 * Cents for `wh` more energy after `usedWh` in the same day or period, splitting energy that straddles a step
 * boundary; with `certain` false (earlier energy unknown) the price is known only once past the last step.
 * `step` is the 0-based step the last of the energy fell in (steps.length = past the last step).
 */
export function steppedCost(
  s: Steps,
  usedWh: number,
  wh: number,
  certain: boolean,
): { cents: number | null; step: number } {
  const n = s.steps.length;
  const endWh = usedWh + wh;
  let step = s.steps.findIndex((x) => (wh > 0 ? x.upToWh >= endWh : x.upToWh > endWh));
  if (step < 0) step = n;
  if (!certain)
    return usedWh >= s.steps[n - 1].upToWh
      ? { cents: (wh / 1000) * s.thenCentsPerKwh, step: n }
      : { cents: null, step };
  let cents = 0;
  let from = usedWh;
  for (const x of s.steps) {
    if (from >= endWh) break;
    if (x.upToWh <= from) continue;
    const to = Math.min(x.upToWh, endWh);
    cents += ((to - from) / 1000) * x.centsPerKwh;
    from = to;
  }
  if (endWh > from) cents += ((endWh - from) / 1000) * s.thenCentsPerKwh;
  return { cents, step };
}
