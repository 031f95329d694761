import { DateTime } from "luxon";
import { dayBounds } from "@/lib/time/zones";
import type { Billing, DayKind } from "./schema";
import type { HolidayCalendar } from "./holidays";

const utcDay = (day: string) => DateTime.fromISO(day, { zone: "utc" });

/** Days from `a` to `b` (YYYY-MM-DD; b exclusive). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The billing period [start, end) (local days) that contains a day. */
export function billingPeriodOf(day: string, billing: Billing): { start: string; end: string } {
  const key = `${day} ${billing.cycle} ${billing.startDay} ${billing.startMonth}`;
  let period = periodMemo.get(key);
  if (!period) {
    period = computeBillingPeriod(day, billing);
    if (periodMemo.size >= 20_000) periodMemo.clear();
    periodMemo.set(key, period);
  }
  return { ...period };
}

/** Billing periods by day and cycle: every costs read and every priced day asks for a few, and luxon is slow. */
const periodMemo = new Map<string, { start: string; end: string }>();

function computeBillingPeriod(day: string, billing: Billing): { start: string; end: string } {
  const dt = utcDay(day);
  const step = billing.cycle === "monthly" ? 1 : 3;
  // Months since the anchor month (startMonth of year 0) modulo the cycle give the period's first month.
  let start = dt.set({ day: billing.startDay });
  if (dt.day < billing.startDay) start = start.minus({ months: 1 });
  const offset = (((start.month - billing.startMonth) % step) + step) % step;
  start = start.minus({ months: offset });
  return { start: start.toISODate()!, end: start.plus({ months: step }).toISODate()! };
}

/** Weekday, weekend, or (for a public holiday) the kind of day the plan prices holidays as. */
export function dayKindOf(day: string, holidays: HolidayCalendar, pricedAs: DayKind): DayKind {
  if (holidays.isHoliday(day)) return pricedAs;
  return utcDay(day).weekday >= 6 ? "weekend" : "weekday";
}

/** The plan in force on a day: the last one starting on or before it (plans sorted by effectiveFrom). */
export function planForDay<P extends { effectiveFrom: string }>(sorted: readonly P[], day: string): P | null {
  let found: P | null = null;
  for (const p of sorted) {
    if (p.effectiveFrom <= day) found = p;
    else break;
  }
  return found;
}

/** The day after the last day a plan is in force (the next plan's start), or null while it is the latest. */
export function planEnd<P extends { effectiveFrom: string }>(sorted: readonly P[], plan: P): string | null {
  const next = sorted[sorted.indexOf(plan) + 1];
  return next ? next.effectiveFrom : null;
}

const boundsMemo = new Map<string, { startMs: number; endMs: number }>();

/** dayBounds, remembered: a daily job prices the same few days in the same few zones for every system. */
export function dayBoundsCached(day: string, zone: string): { startMs: number; endMs: number } {
  const key = `${zone} ${day}`;
  let b = boundsMemo.get(key);
  if (!b) {
    b = dayBounds(day, zone);
    if (boundsMemo.size >= 20_000) boundsMemo.clear();
    boundsMemo.set(key, b);
  }
  return b;
}
