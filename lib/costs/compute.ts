import { IANAZone } from "luxon";
import { intervalEmissions } from "@/lib/carbon";
import { computeCosts } from "@/lib/tariffs/engine";
import type { IntervalPrice, TariffInterval } from "@/lib/tariffs/types";
import { billingPeriodOf, dayKindOf, planForDay } from "@/lib/tariffs/calendar";
import { compilePlan, type CompiledPlan } from "@/lib/tariffs/rates";
import type { PricedPlan } from "@/lib/tariffs/schema";
import type { IntervalCost } from "@/lib/tariffs/types";

export const INTERVAL_MS = 5 * 60_000;
const HALF_HOUR_MS = 30 * 60_000;

/**
 * The 5-minute flows costs are priced from, on a grid of interval ends (firstEndMs + i × 5 min), NaN = unknown.
 * Taken from the accounts ledger, so money and energy are computed from the same numbers.
 */
export interface CostFlows {
  firstEndMs: number;
  count: number;
  importWh: Float64Array;
  exportWh: Float64Array;
  loadWh: Float64Array;
  solarWh: Float64Array;
  /** Solar exported (attribution solar→grid); self-consumed solar = solar − this. */
  solarToGridWh: Float64Array;
  /** The load point marked as controlled load, when the system has one. */
  controlledLoadWh?: Float64Array;
  /** 1 where a flow of the interval was interpolated over a gap or integrated from power. */
  estimated: Uint8Array;
}

/** A plan with what a stored day remembers of it. */
export type CostPlan = PricedPlan & { id: number; version: number };

export interface CostDayRow {
  day: string;
  startMs: number;
  endMs: number;
  planId: number | null;
  planVersion: number | null;
  importCents: number | null;
  exportCents: number | null;
  supplyCents: number | null;
  controlledLoadCents: number | null;
  /** Highest half-hour average import (W) in the plan's demand windows this day; null when unknown or no demand. */
  demandPeakW: number | null;
  /** Counterfactual net cost without demand, and its own demand peak (see lib/tariffs/counterfactuals.ts). */
  cfNoSolarCents: number | null;
  cfNoSolarPeakW: number | null;
  cfSolarOnlyCents: number | null;
  cfSolarOnlyPeakW: number | null;
  /** Grams CO2-e of grid import, and avoided by solar (self-consumed + exported). */
  importG: number | null;
  avoidedG: number | null;
  /** The factor (kg CO2-e/kWh) importG and avoidedG were computed with (a read rescales them to the current one). */
  carbonKgPerKwh?: number | null;
  intervals: number;
  unknownIntervals: number;
  estimated: boolean;
}

export interface CostComputeInput {
  plans: readonly CostPlan[];
  zone: string;
  flows: CostFlows;
  /** The local days to price, in order, each [startMs, endMs) (today: endMs = the last ended interval). */
  days: ReadonlyArray<{ day: string; startMs: number; endMs: number }>;
  prices?: ReadonlyMap<number, IntervalPrice>;
  renewablesPct?: ReadonlyMap<number, number>;
  /** kg CO2-e per kWh of the system's grid region. */
  kgPerKwh: number;
}

const val = (a: Float64Array | undefined, i: number): number | null | undefined =>
  a === undefined ? undefined : Number.isNaN(a[i]) ? null : a[i];

/**
 * The flows as tariff intervals: actual, and both counterfactuals (lib/tariffs counterfactualInterval, inlined:
 * the daily job builds these for every interval of every system).
 */
export function tariffIntervals(f: CostFlows): Record<"actual" | "noSolar" | "solarOnly", TariffInterval[]> {
  const actual: TariffInterval[] = new Array(f.count);
  const noSolar: TariffInterval[] = new Array(f.count);
  const solarOnly: TariffInterval[] = new Array(f.count);
  const cl = f.controlledLoadWh;
  for (let i = 0; i < f.count; i++) {
    const endMs = f.firstEndMs + i * INTERVAL_MS;
    const imp = f.importWh[i];
    const exp = f.exportWh[i];
    const load = f.loadWh[i];
    const solar = f.solarWh[i];
    const loadKnown = !Number.isNaN(load);
    const net = load - solar;
    const both = loadKnown && !Number.isNaN(solar);
    if (cl) {
      const c = Number.isNaN(cl[i]) ? null : cl[i];
      actual[i] = {
        endMs,
        importWh: Number.isNaN(imp) ? null : imp,
        exportWh: Number.isNaN(exp) ? null : exp,
        controlledLoadWh: c,
      };
      noSolar[i] = { endMs, importWh: loadKnown ? load : null, exportWh: loadKnown ? 0 : null, controlledLoadWh: c };
      solarOnly[i] = {
        endMs,
        importWh: both ? Math.max(net, 0) : null,
        exportWh: both ? Math.max(-net, 0) : null,
        controlledLoadWh: c,
      };
    } else {
      actual[i] = { endMs, importWh: Number.isNaN(imp) ? null : imp, exportWh: Number.isNaN(exp) ? null : exp };
      noSolar[i] = { endMs, importWh: loadKnown ? load : null, exportWh: loadKnown ? 0 : null };
      solarOnly[i] = { endMs, importWh: both ? Math.max(net, 0) : null, exportWh: both ? Math.max(-net, 0) : null };
    }
  }
  return { actual, noSolar, solarOnly };
}

/**
 * Each day's highest half-hour average import (W) inside its plan's demand windows; null for a day whose plan has
 * no demand charge or where an in-window interval is unknown.
 */
export function demandPeaks(
  plans: readonly CostPlan[],
  zone: string,
  intervals: readonly TariffInterval[],
  days: ReadonlyArray<{ day: string; startMs: number; endMs: number }>,
  compiled: Map<CostPlan, CompiledPlan>,
): Map<string, number | null> {
  const z = IANAZone.create(zone);
  const out = new Map<string, number | null>();
  const byEnd = new Map(intervals.map((iv) => [iv.endMs, iv]));
  for (const d of days) {
    const plan = planForDay(plans, d.day);
    if (!plan?.demand) {
      out.set(d.day, null);
      continue;
    }
    let c = compiled.get(plan);
    if (!c) compiled.set(plan, (c = compilePlan(plan)));
    const slots = c.demandSlots(dayKindOf(d.day, c.holidays, plan.holidays.pricedAs), Number(d.day.slice(5, 7)));
    const halves = new Map<number, number | null>();
    for (let t = d.startMs; t < d.endMs; t += INTERVAL_MS) {
      const slot = Math.floor(((((t / 60_000 + z.offset(t)) % 1440) + 1440) % 1440) / 5);
      if (!slots[slot]) continue;
      const key = Math.floor(t / HALF_HOUR_MS);
      const wh = byEnd.get(t + INTERVAL_MS)?.importWh ?? null;
      const prev = halves.has(key) ? halves.get(key)! : 0;
      halves.set(key, prev === null || wh === null ? null : prev + wh);
    }
    let peak: number | null = 0;
    for (const wh of halves.values()) peak = peak === null || wh === null ? null : Math.max(peak, wh * 2);
    out.set(d.day, peak);
  }
  return out;
}

/** Net cost of a day without its demand charge; unknown when any part is. */
export function netWithoutDemand(d: {
  importCents: number | null;
  exportCents: number | null;
  supplyCents: number | null;
  controlledLoadCents: number | null;
}): number | null {
  const { importCents, exportCents, supplyCents, controlledLoadCents } = d;
  if (importCents === null || exportCents === null || supplyCents === null || controlledLoadCents === null) return null;
  return importCents + supplyCents + controlledLoadCents - exportCents;
}

/** Where block tiers count energy over the billing period, pricing must start at the period's start. */
export function pricingStart(plans: readonly CostPlan[], day: string): string {
  const plan = planForDay(plans, day);
  if (plan?.import?.kind !== "block" || plan.import.basis !== "billingPeriod") return day;
  const start = billingPeriodOf(day, plan.billing).start;
  return start < plan.effectiveFrom ? plan.effectiveFrom : start;
}

/**
 * Prices some local days of 5-minute flows with the system's plans: per day the costs (demand as the day's peak,
 * settled per billing period on read), the two counterfactuals, carbon and whether energy was estimated.
 * `flows` may start earlier than the first day (block tiers per billing period need the period so far).
 */
export function computeCostDays(input: CostComputeInput): { days: CostDayRow[]; intervals: IntervalCost[] } {
  const { flows, zone, plans } = input;
  if (!input.days.length) return { days: [], intervals: [] };
  const iv = tariffIntervals(flows);
  const range = {
    startMs: Math.min(flows.firstEndMs - INTERVAL_MS, input.days[0].startMs),
    endMs: input.days[input.days.length - 1].endMs,
  };
  const sorted = [...plans].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const run = (intervals: TariffInterval[]) =>
    computeCosts({ plans: sorted, zone, intervals, range, prices: input.prices });
  const actual = run(iv.actual);
  const noSolar = run(iv.noSolar);
  const solarOnly = run(iv.solarOnly);
  const compiled = new Map<CostPlan, CompiledPlan>();
  const peaks = demandPeaks(sorted, zone, iv.actual, input.days, compiled);
  const peaksNoSolar = demandPeaks(sorted, zone, iv.noSolar, input.days, compiled);
  const peaksSolarOnly = demandPeaks(sorted, zone, iv.solarOnly, input.days, compiled);
  const byDay = <T extends { day: string }>(xs: T[]) => new Map(xs.map((x) => [x.day, x]));
  const a = byDay(actual.days);
  const n = byDay(noSolar.days);
  const s = byDay(solarOnly.days);

  const days: CostDayRow[] = input.days.map((d) => {
    const plan = planForDay(sorted, d.day);
    const cost = a.get(d.day);
    let importG: number | null = 0;
    let avoidedG: number | null = 0;
    let estimated = false;
    const lo = Math.max(0, (d.startMs - (flows.firstEndMs - INTERVAL_MS)) / INTERVAL_MS);
    const hi = Math.min(flows.count, (d.endMs - (flows.firstEndMs - INTERVAL_MS)) / INTERVAL_MS);
    if (hi - lo < (d.endMs - d.startMs) / INTERVAL_MS) {
      importG = null;
      avoidedG = null;
    }
    for (let i = lo; i < hi; i++) {
      if (flows.estimated[i]) estimated = true;
      const endMs = flows.firstEndMs + i * INTERVAL_MS;
      const solar = val(flows.solarWh, i)!;
      const toGrid = val(flows.solarToGridWh, i)!;
      const e = intervalEmissions(
        {
          endMs,
          importWh: val(flows.importWh, i)!,
          exportWh: val(flows.exportWh, i)!,
          selfConsumedSolarWh: solar === null || toGrid === null ? null : Math.max(0, solar - toGrid),
          renewablesPct: input.renewablesPct?.get(endMs),
        },
        input.kgPerKwh,
      );
      importG = importG === null || e.importG === null ? null : importG + e.importG;
      avoidedG = avoidedG === null || e.avoidedG === null ? null : avoidedG + e.avoidedG;
    }
    const cfNo = n.get(d.day);
    const cfSo = s.get(d.day);
    return {
      day: d.day,
      startMs: d.startMs,
      endMs: d.endMs,
      planId: plan?.id ?? null,
      planVersion: plan?.version ?? null,
      importCents: cost?.importCents ?? null,
      exportCents: cost?.exportCents ?? null,
      supplyCents: cost?.supplyCents ?? null,
      controlledLoadCents: cost?.controlledLoadCents ?? null,
      demandPeakW: peaks.get(d.day) ?? null,
      cfNoSolarCents: cfNo ? netWithoutDemand(cfNo) : null,
      cfNoSolarPeakW: peaksNoSolar.get(d.day) ?? null,
      cfSolarOnlyCents: cfSo ? netWithoutDemand(cfSo) : null,
      cfSolarOnlyPeakW: peaksSolarOnly.get(d.day) ?? null,
      importG,
      avoidedG,
      carbonKgPerKwh: input.kgPerKwh,
      intervals: cost?.intervals ?? (d.endMs - d.startMs) / INTERVAL_MS,
      unknownIntervals: cost?.unknownIntervals ?? (d.endMs - d.startMs) / INTERVAL_MS,
      estimated,
    };
  });
  const first = input.days[0].startMs;
  return { days, intervals: actual.intervals.filter((x) => x.endMs > first) };
}
