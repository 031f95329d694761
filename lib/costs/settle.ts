import { billingPeriodOf, daysBetween, planEnd, planForDay } from "@/lib/tariffs/calendar";
import { netWithoutDemand, type CostDayRow, type CostPlan } from "./compute";
import type { BillEstimate, CostFigures } from "./types";

/** A day's figures with the demand charge of its billing period allocated to it. */
export interface SettledDay extends CostFigures {
  day: string;
  planId: number | null;
}

/** The billing period [start, end) of a day under its plan, cut where the plan starts and ends (as the engine does). */
export function billOf(
  plans: readonly CostPlan[],
  plan: CostPlan,
  day: string,
): { start: string; end: string; billDays: number } {
  const period = billingPeriodOf(day, plan.billing);
  const next = planEnd(plans, plan);
  return {
    start: period.start < plan.effectiveFrom ? plan.effectiveFrom : period.start,
    end: next && next < period.end ? next : period.end,
    billDays: daysBetween(period.start, period.end),
  };
}

const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

type PeakKey = "demandPeakW" | "cfNoSolarPeakW" | "cfSolarOnlyPeakW";

/**
 * Per day: its costs, its share of the billing period's demand charge (the period's highest half-hour average
 * import among the given days × the rate, per day or spread over the period's days), net, savings and carbon.
 * `days` should hold every day of the billing periods so far for the demand peak to be the period's own.
 */
export function settleDays(days: readonly CostDayRow[], plans: readonly CostPlan[]): SettledDay[] {
  const sorted = [...plans].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const groups = new Map<string, CostDayRow[]>();
  const groupOf = new Map<CostDayRow, string>();
  for (const d of days) {
    const plan = planForDay(sorted, d.day);
    if (!plan?.demand) continue;
    const key = `${plan.id}|${billOf(sorted, plan, d.day).start}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
    groupOf.set(d, key);
  }
  const peakOf = (key: string, k: PeakKey): number | null => {
    let peak: number | null = 0;
    for (const d of groups.get(key)!) peak = peak === null || d[k] === null ? null : Math.max(peak, d[k]!);
    return peak;
  };
  return days.map((d) => {
    const plan = planForDay(sorted, d.day);
    const demandOf = (k: PeakKey): number | null => {
      if (!plan) return null;
      if (!plan.demand) return 0;
      const peakW = peakOf(groupOf.get(d)!, k);
      if (peakW === null) return null;
      const tax = plan.tax.included ? 1 : 1 + plan.tax.ratePct / 100;
      const perDays = plan.demand.per === "day" ? 1 : billOf(sorted, plan, d.day).billDays;
      return ((peakW / 1000) * plan.demand.centsPerKw * tax) / perDays;
    };
    const demandCents = demandOf("demandPeakW");
    const netCents = add(netWithoutDemand(d), demandCents);
    const noSystem = add(d.cfNoSolarCents, demandOf("cfNoSolarPeakW"));
    const solarOnly = add(d.cfSolarOnlyCents, demandOf("cfSolarOnlyPeakW"));
    return {
      day: d.day,
      planId: d.planId,
      importCents: d.importCents,
      exportCents: d.exportCents,
      supplyCents: d.supplyCents,
      controlledLoadCents: d.controlledLoadCents,
      demandCents,
      netCents,
      savings: {
        vsNoSystemCents: noSystem === null || netCents === null ? null : noSystem - netCents,
        batteryCents: solarOnly === null || netCents === null ? null : solarOnly - netCents,
      },
      carbon: { importG: d.importG, avoidedG: d.avoidedG },
      intervals: d.intervals,
      unknownIntervals: d.unknownIntervals,
      estimated: d.estimated,
    };
  });
}

/** The sum of some days' figures (one unknown makes that figure unknown); zero days sum to unknown money. */
export function sumFigures(days: readonly CostFigures[]): CostFigures {
  const money = (k: keyof Omit<CostFigures, "savings" | "carbon" | "intervals" | "unknownIntervals" | "estimated">) =>
    days.length ? days.reduce<number | null>((a, d) => add(a, d[k]), 0) : null;
  const nested = <G extends "savings" | "carbon">(g: G, k: keyof CostFigures[G]) =>
    days.length
      ? days.reduce<number | null>((a, d) => add(a, (d[g] as Record<string, number | null>)[k as string]), 0)
      : null;
  return {
    importCents: money("importCents"),
    exportCents: money("exportCents"),
    supplyCents: money("supplyCents"),
    controlledLoadCents: money("controlledLoadCents"),
    demandCents: money("demandCents"),
    netCents: money("netCents"),
    savings: { vsNoSystemCents: nested("savings", "vsNoSystemCents"), batteryCents: nested("savings", "batteryCents") },
    carbon: { importG: nested("carbon", "importG"), avoidedG: nested("carbon", "avoidedG") },
    intervals: days.reduce((n, d) => n + d.intervals, 0),
    unknownIntervals: days.reduce((n, d) => n + d.unknownIntervals, 0),
    estimated: days.some((d) => d.estimated),
  };
}

/**
 * A billing period's estimate: the days so far summed, and a projection to its end (the ended days' average net
 * for every day not ended yet, today included; with no ended day, today's net so far per day).
 */
export function billEstimate(
  period: { start: string; end: string; planId: number },
  settled: readonly SettledDay[],
  today: string,
  actualCents: number | null,
): BillEstimate {
  const inPeriod = settled.filter((d) => d.day >= period.start && d.day < period.end && d.day <= today);
  const days = daysBetween(period.start, period.end);
  const soFar = sumFigures(inPeriod);
  const ended = inPeriod.filter((d) => d.day < today);
  const endedNet = sumFigures(ended).netCents;
  const over = today >= period.end;
  let projectedNetCents: number | null;
  if (over) projectedNetCents = soFar.netCents;
  else if (ended.length && endedNet !== null)
    projectedNetCents = endedNet + (endedNet / ended.length) * (days - ended.length);
  else
    projectedNetCents = soFar.netCents === null || !inPeriod.length ? null : (soFar.netCents / inPeriod.length) * days;
  const estimate = over ? soFar.netCents : projectedNetCents;
  return {
    start: period.start,
    end: period.end,
    planId: period.planId,
    days,
    daysSoFar: inPeriod.length,
    soFar,
    projectedNetCents,
    actualCents,
    differenceCents: actualCents === null || estimate === null ? null : actualCents - estimate,
  };
}
