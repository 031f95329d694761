import { IANAZone } from "luxon";
import { localDay, nextDay } from "@/lib/time/zones";
import { billingPeriodOf, dayBoundsCached as dayBounds, daysBetween, planEnd, planForDay } from "./calendar";
import type { HolidayCalendar } from "./holidays";
import { INTERVAL_MS, priceDay, type Bill, type IntervalCursor } from "./price-day";
import { compilePlan, type CompiledPlan } from "./rates";
import type { PricedPlan } from "./schema";
import { monthTotals, netOf, totalOf } from "./totals";
import type { CostResult, DayCost, IntervalCost, IntervalPrice, PeriodCost, TariffInterval } from "./types";

export { INTERVAL_MS };

export interface CostInput {
  /** Every plan of the system; each prices the days from its effectiveFrom until the next one starts. */
  plans: readonly PricedPlan[];
  /** The system's IANA zone: local days, TOU windows and billing periods follow it. */
  zone: string;
  intervals: readonly TariffInterval[];
  /** [startMs, endMs) on 5-minute boundaries; by default from the first interval's local midnight to the last. */
  range?: { startMs: number; endMs: number };
  /** Per interval end: the dynamic prices that plans with `kind: "dynamic"` rates use (missing = unknown cost). */
  prices?: ReadonlyMap<number, IntervalPrice>;
  /** Replaces each plan's own public holidays (region and extra dates). */
  holidays?: HolidayCalendar;
}

/** Intervals in time order, the last of equal ends winning (as a Map would). */
function dedupeSorted(intervals: readonly TariffInterval[]): TariffInterval[] {
  const byEnd = new Map(intervals.map((iv) => [iv.endMs, iv]));
  return [...byEnd.values()].sort((a, b) => a.endMs - b.endMs);
}

function defaultRange(intervals: readonly TariffInterval[], zone: string) {
  if (!intervals.length) return null;
  // A loop, not Math.min(...ends): a year of intervals is too many arguments for a spread.
  let first = Infinity;
  let last = -Infinity;
  for (const { endMs } of intervals) {
    if (endMs < first) first = endMs;
    if (endMs > last) last = endMs;
  }
  return { startMs: dayBounds(localDay(first - INTERVAL_MS, zone), zone).startMs, endMs: last };
}

/**
 * Prices 5-minute energy intervals with a system's plans: per interval import cost, export credit and controlled
 * load; per day those plus supply and demand (the billing period's demand spread over its days); per month and
 * billing period the totals. Cents stay fractional. An interval missing from `intervals` counts as unknown.
 */
export function computeCosts(input: CostInput): CostResult {
  const warnings = new Set<string>();
  const plans = [...input.plans].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const zone = IANAZone.create(input.zone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone '${input.zone}'`);
  // Walked with a cursor in time order (a Map keyed by ms would cost more than all the pricing).
  let sorted = true;
  for (let i = 0; i < input.intervals.length; i++) {
    const iv = input.intervals[i];
    if (iv.endMs % INTERVAL_MS) throw new RangeError(`Interval end ${iv.endMs} is not on a 5-minute boundary`);
    if (i > 0 && iv.endMs <= input.intervals[i - 1].endMs) sorted = false;
  }
  const byEnd: IntervalCursor = {
    list: sorted ? input.intervals : dedupeSorted(input.intervals),
    at: 0,
  };
  const range = input.range ?? defaultRange(input.intervals, input.zone);
  const empty: CostResult = { intervals: [], days: [], months: [], billingPeriods: [], warnings: [] };
  if (!range || range.endMs <= range.startMs) return empty;
  if (range.startMs % INTERVAL_MS || range.endMs % INTERVAL_MS)
    throw new RangeError("The range must fall on 5-minute boundaries");

  const compiled = new Map<PricedPlan, CompiledPlan>();
  const compiledOf = (p: PricedPlan) => {
    let c = compiled.get(p);
    if (!c) compiled.set(p, (c = compilePlan(p, input.holidays)));
    return c;
  };
  const bills = new Map<string, Bill>();
  const intervals: IntervalCost[] = [];
  const days: DayCost[] = [];
  const unplanned: string[] = [];

  for (let day = localDay(range.startMs, input.zone); ; day = nextDay(day)) {
    const bounds = dayBounds(day, input.zone);
    if (bounds.startMs >= range.endMs) break;
    const from = Math.max(bounds.startMs, range.startMs);
    const to = Math.min(bounds.endMs, range.endMs);
    const partial = from > bounds.startMs || to < bounds.endMs;
    const plan = planForDay(plans, day);
    if (!plan) {
      unplanned.push(day);
      days.push(unknownDay(day, from, to, partial, intervals));
      continue;
    }
    const c = compiledOf(plan);
    const bill = billFor(bills, c, plans, day, range.startMs, input.zone);
    const dayCost = priceDay({
      c,
      bill,
      day,
      from,
      to,
      partial,
      startOfDay: from === bounds.startMs,
      zone,
      byEnd,
      prices: input.prices,
      warnings,
      intervals,
    });
    bill.days.push(dayCost);
    days.push(dayCost);
  }
  if (unplanned.length) {
    warnings.add(
      `No tariff plan covers ${unplanned[0]}${unplanned.length > 1 ? ` to ${unplanned[unplanned.length - 1]}` : ""}: costs unknown`,
    );
  }
  const demandKw = new Map([...bills.values()].map((b) => [b, settleDemand(b)]));
  for (const d of days) d.netCents = netOf(d);
  const billingPeriods: PeriodCost[] = [...bills.values()].map((b) => ({
    start: b.start,
    end: b.end,
    planId: b.plan.plan.id,
    ...totalOf(b.days, daysBetween(b.start, b.end)),
    ...(b.plan.plan.demand ? { demandKw: demandKw.get(b) ?? null } : {}),
  }));
  return { intervals, days, months: monthTotals(days), billingPeriods, warnings: [...warnings] };
}

function unknownDay(day: string, from: number, to: number, partial: boolean, out: IntervalCost[]): DayCost {
  for (let t = from; t < to; t += INTERVAL_MS) {
    out.push({
      endMs: t + INTERVAL_MS,
      day,
      planId: null,
      importCents: null,
      exportCents: null,
      controlledLoadCents: null,
      importPeriod: null,
      exportPeriod: null,
    });
  }
  const n = (to - from) / INTERVAL_MS;
  return {
    day,
    planId: null,
    importCents: null,
    exportCents: null,
    supplyCents: null,
    controlledLoadCents: null,
    demandCents: null,
    netCents: null,
    intervals: n,
    unknownIntervals: n,
    partial,
  };
}

/** The billing period a day belongs to under its plan (cut where the plan starts or ends). */
function billFor(
  bills: Map<string, Bill>,
  c: CompiledPlan,
  plans: readonly PricedPlan[],
  day: string,
  rangeStartMs: number,
  zone: string,
): Bill {
  const period = billingPeriodOf(day, c.plan.billing);
  const start = period.start < c.plan.effectiveFrom ? c.plan.effectiveFrom : period.start;
  const key = `${c.plan.id}|${start}`;
  let bill = bills.get(key);
  if (!bill) {
    const next = planEnd(plans, c.plan);
    const end = next && next < period.end ? next : period.end;
    const certain = rangeStartMs <= dayBounds(start, zone).startMs;
    bill = {
      plan: c,
      start,
      end,
      billDays: daysBetween(period.start, period.end),
      importScope: { usedWh: 0, certain },
      halfHours: new Map(),
      days: [],
    };
    bills.set(key, bill);
  }
  return bill;
}

/** The billing period's peak demand (kW, null when unknown) with its charge spread over the period's days. */
function settleDemand(bill: Bill): number | null {
  const demand = bill.plan.plan.demand;
  if (!demand) return null;
  let peakWh = 0;
  let unknown = false;
  for (const h of bill.halfHours.values()) {
    if (h.unknown) unknown = true;
    else peakWh = Math.max(peakWh, h.wh);
  }
  // Wh in half an hour × 2 = average W over it.
  const demandKw = unknown ? null : (peakWh * 2) / 1000;
  const perDay =
    demandKw === null
      ? null
      : (demandKw * demand.centsPerKw * bill.plan.chargeTax) / (demand.per === "day" ? 1 : bill.billDays);
  for (const d of bill.days) d.demandCents = perDay;
  return demandKw;
}
