import { billingPeriodOf, dayBoundsCached } from "@/lib/tariffs/calendar";
import { computeCosts } from "@/lib/tariffs/engine";
import type { PricedPlan } from "@/lib/tariffs/schema";
import { totalOf } from "@/lib/tariffs/totals";
import type { IntervalPrice, TariffInterval } from "@/lib/tariffs/types";
import type { PlanComparison } from "./types";

/**
 * The plan the stored-prices row prices with: per-interval import and feed-in prices from a vendor's stored series
 * (a dynamic-price retailer), nothing else. Its name is the vendor's, set where the series is found.
 */
export const STORED_PRICES_PLAN: PricedPlan = {
  id: "stored-prices",
  name: "Dynamic prices (stored)",
  effectiveFrom: "0000-01-01",
  currency: "AUD",
  tax: { included: true },
  billing: { cycle: "monthly", startDay: 1, startMonth: 1 },
  holidays: { region: null, extraDates: [], pricedAs: "weekend" },
  import: { kind: "dynamic" },
  feedIn: { rates: { kind: "dynamic" } },
};

const NOTHING = {
  importCents: null,
  exportCents: null,
  supplyCents: null,
  controlledLoadCents: null,
  demandCents: null,
  netCents: null,
  unknownIntervals: 0,
};

export interface CompareInput {
  /** The plans to compare; each prices the whole range as if it had been in force all along. */
  plans: ReadonlyArray<{ plan: PricedPlan; planId: number | null; storedPrices: boolean }>;
  /** The plan in force today (the differences are against it); null when the system has none. */
  currentPlanId: number | null;
  zone: string;
  /** The system's own 5-minute intervals (from its energy accounts); a missing interval is unknown. */
  intervals: readonly TariffInterval[];
  /** [startMs, endMs): whole local days, on 5-minute boundaries; `fromDay` is the first of them. */
  range: { startMs: number; endMs: number };
  fromDay: string;
  prices?: ReadonlyMap<number, IntervalPrice>;
}

/**
 * What each plan would have cost on the same intervals: totals split into supply, import, export credit, controlled
 * load and demand, and the net's difference from the current plan. One unknown interval makes a plan's figures
 * unknown (never 0); `incompleteDays` says how many days had one.
 */
/** Where a plan must start pricing: block steps counted per billing period need the period from its first day. */
export function pricingFrom(plan: PricedPlan, fromDay: string): string {
  if (plan.import?.kind !== "block" || plan.import.basis !== "billingPeriod") return fromDay;
  return billingPeriodOf(fromDay, plan.billing).start;
}

export function comparePlanCosts(input: CompareInput): PlanComparison[] {
  const priced = input.plans.map(({ plan, planId, storedPrices }) => {
    const startMs = Math.min(
      input.range.startMs,
      dayBoundsCached(pricingFrom(plan, input.fromDay), input.zone).startMs,
    );
    const all = computeCosts({
      // As if in force all along: the one plan prices every day of the range (billing periods by its own cycle).
      plans: [{ ...plan, effectiveFrom: "0000-01-01" }],
      zone: input.zone,
      intervals: input.intervals,
      range: { startMs, endMs: input.range.endMs },
      prices: input.prices,
    });
    const result = { ...all, days: all.days.filter((d) => d.day >= input.fromDay) };
    // No day priced sums to nothing known, not to 0.
    const totals = result.days.length ? totalOf(result.days, result.days.length) : NOTHING;
    return {
      planId,
      name: plan.name,
      storedPrices,
      current: !storedPrices && planId !== null && planId === input.currentPlanId,
      importCents: totals.importCents,
      exportCents: totals.exportCents,
      supplyCents: totals.supplyCents,
      controlledLoadCents: totals.controlledLoadCents,
      demandCents: totals.demandCents,
      netCents: totals.netCents,
      days: result.days.length,
      incompleteDays: result.days.filter((d) => d.netCents === null).length,
      unknownIntervals: totals.unknownIntervals,
      warnings: result.warnings,
    };
  });
  const current = priced.find((p) => p.current);
  return priced.map((p) => ({
    ...p,
    differenceCents:
      !current || current.netCents === null || p.netCents === null ? null : p.netCents - current.netCents,
  }));
}
