import { DateTime } from "luxon";
import { daysBetween } from "./calendar";
import type { CostTotals, DayCost, PeriodCost } from "./types";

const MONEY_KEYS = [
  "importCents",
  "exportCents",
  "supplyCents",
  "controlledLoadCents",
  "demandCents",
  "netCents",
] as const;

/** Adds numbers where every one is known; one unknown makes the sum unknown. */
export function sumKnown(values: ReadonlyArray<number | null>): number | null {
  let sum = 0;
  for (const v of values) {
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

/** Net cost: what was paid less what export earned; unknown when any part is. */
export function netOf(t: Pick<CostTotals, (typeof MONEY_KEYS)[number]>): number | null {
  const { importCents, exportCents, supplyCents, controlledLoadCents, demandCents } = t;
  const paid = sumKnown([importCents, supplyCents, controlledLoadCents, demandCents]);
  return paid === null || exportCents === null ? null : paid - exportCents;
}

/** The totals of some days, partial when they do not fill `expectedDays` or any of them is partial. */
export function totalOf(days: readonly DayCost[], expectedDays: number): CostTotals {
  const t = Object.fromEntries(MONEY_KEYS.map((k) => [k, sumKnown(days.map((d) => d[k]))])) as Pick<
    CostTotals,
    (typeof MONEY_KEYS)[number]
  >;
  return {
    ...t,
    intervals: days.reduce((n, d) => n + d.intervals, 0),
    unknownIntervals: days.reduce((n, d) => n + d.unknownIntervals, 0),
    partial: days.length < expectedDays || days.some((d) => d.partial),
  };
}

/** Calendar-month totals of consecutive days. */
export function monthTotals(days: readonly DayCost[]): PeriodCost[] {
  const groups = new Map<string, DayCost[]>();
  for (const d of days) groups.set(d.day.slice(0, 7), [...(groups.get(d.day.slice(0, 7)) ?? []), d]);
  return [...groups].map(([month, ds]) => {
    const start = `${month}-01`;
    const end = DateTime.fromISO(start, { zone: "utc" }).plus({ months: 1 }).toISODate()!;
    return { start, end, ...totalOf(ds, daysBetween(start, end)) };
  });
}
