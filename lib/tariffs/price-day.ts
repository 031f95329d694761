import type { IANAZone } from "luxon";
import { dayKindOf } from "./calendar";
import { steppedCost, type CompiledPlan, type Steps } from "./rates";
import type { PricedPlan } from "./schema";
import { sumKnown } from "./totals";
import type { DayCost, IntervalCost, IntervalPrice, TariffInterval } from "./types";

export const INTERVAL_MS = 5 * 60_000;
const HALF_HOUR_MS = 30 * 60_000;

/** Energy used so far in a block or feed-in cap scope; not certain once an unknown interval passed. */
export interface Scope {
  usedWh: number;
  certain: boolean;
}

export interface Bill {
  plan: CompiledPlan;
  start: string;
  end: string;
  billDays: number;
  importScope: Scope;
  /** Import Wh per half hour (keyed by ms / 30 min) inside the demand windows. */
  halfHours: Map<number, { wh: number; unknown: boolean }>;
  days: DayCost[];
}

const dynamic = (centsPerKwh: number | null | undefined) => ({ centsPerKwh: centsPerKwh ?? null, period: null });

function stepsOf(plan: PricedPlan): Steps | null {
  if (plan.import?.kind !== "block") return null;
  return {
    steps: plan.import.steps.map((s) => ({ upToWh: s.upToKwh * 1000, centsPerKwh: s.centsPerKwh })),
    thenCentsPerKwh: plan.import.thenCentsPerKwh,
  };
}

/** Intervals in time order and how far pricing has read (days are priced in order, so it only moves on). */
export interface IntervalCursor {
  list: readonly TariffInterval[];
  at: number;
}

function intervalEnding(cursor: IntervalCursor, endMs: number): TariffInterval | undefined {
  const { list } = cursor;
  while (cursor.at < list.length && list[cursor.at].endMs < endMs) cursor.at++;
  return cursor.at < list.length && list[cursor.at].endMs === endMs ? list[cursor.at] : undefined;
}

export interface DayArgs {
  c: CompiledPlan;
  bill: Bill;
  day: string;
  from: number;
  to: number;
  partial: boolean;
  startOfDay: boolean;
  zone: IANAZone;
  byEnd: IntervalCursor;
  prices: ReadonlyMap<number, IntervalPrice> | undefined;
  warnings: Set<string>;
  intervals: IntervalCost[];
}

/** Prices the intervals of one local day under one plan (demand is settled later, per billing period). */
export function priceDay(a: DayArgs): DayCost {
  const { c, bill, day } = a;
  const plan = c.plan;
  const month = Number(day.slice(5, 7));
  const year = Number(day.slice(0, 4));
  const kind = dayKindOf(day, c.holidays, plan.holidays.pricedAs);
  if (plan.holidays.region && !c.holidays.knowsYear(year)) {
    a.warnings.add(`No public holiday list for ${plan.holidays.region} in ${year}: holidays priced as ordinary days`);
  }
  const steps = stepsOf(plan);
  const dayScope: Scope = { usedWh: 0, certain: a.startOfDay };
  const capScope: Scope = { usedWh: 0, certain: a.startOfDay };
  const importScope =
    plan.import?.kind === "block" && plan.import.basis === "billingPeriod" ? bill.importScope : dayScope;
  const cap = plan.feedIn?.dailyCap;
  const cl = plan.controlledLoad;
  // Local clock offset: constant on most days, looked up per interval on a daylight-saving changeover.
  const offStart = a.zone.offset(a.from);
  const fixedOffset = offStart === a.zone.offset(a.to - 1) ? offStart : null;
  const importRates = c.importRates(kind, month);
  const feedInRates = c.feedInRates(kind, month);
  const demandSlots = c.demandSlots(kind, month);
  const imports: Array<number | null> = [];
  const exports: Array<number | null> = [];
  const clUsage: Array<number | null> = [];
  let unknown = 0;

  for (let t = a.from; t < a.to; t += INTERVAL_MS) {
    const offset = fixedOffset ?? a.zone.offset(t);
    const slot = Math.floor(((((t / 60_000 + offset) % 1440) + 1440) % 1440) / 5);
    const iv = intervalEnding(a.byEnd, t + INTERVAL_MS);
    const price = c.importDynamic || c.feedInDynamic ? a.prices?.get(t + INTERVAL_MS) : undefined;
    if ((c.importDynamic || c.feedInDynamic) && !price) {
      a.warnings.add("Some intervals have no dynamic price: their cost is unknown");
    }
    const importWh = iv?.importWh ?? null;
    const exportWh = iv?.exportWh ?? null;
    let importCents: number | null = 0;
    let importPeriod: string | null = null;
    if (plan.import && steps) {
      if (importWh === null) {
        importCents = null;
        importScope.certain = false;
      } else {
        const r = steppedCost(steps, importScope.usedWh, importWh, importScope.certain);
        importScope.usedWh += importWh;
        importCents = r.cents === null ? null : r.cents * c.chargeTax;
        importPeriod = `Step ${r.step + 1}`;
      }
    } else if (plan.import) {
      const rate = c.importDynamic ? dynamic(price?.importCentsPerKwh) : importRates[slot];
      importPeriod = rate.period;
      importCents =
        importWh === null || rate.centsPerKwh === null ? null : (importWh / 1000) * rate.centsPerKwh * c.chargeTax;
    }
    let exportCents: number | null = 0;
    let exportPeriod: string | null = null;
    if (plan.feedIn) {
      const rate = c.feedInDynamic ? dynamic(price?.feedInCentsPerKwh) : feedInRates[slot];
      exportPeriod = rate.period;
      if (exportWh === null) {
        exportCents = null;
        capScope.certain = false;
      } else if (cap) {
        const capped = {
          steps: [{ upToWh: cap.kwh * 1000, centsPerKwh: rate.centsPerKwh ?? NaN }],
          thenCentsPerKwh: cap.aboveCentsPerKwh,
        };
        const r = steppedCost(capped, capScope.usedWh, exportWh, capScope.certain);
        capScope.usedWh += exportWh;
        exportCents = r.cents === null || Number.isNaN(r.cents) ? null : r.cents * c.creditTax;
        if (r.step >= 1) exportPeriod = "Above cap";
      } else {
        exportCents = rate.centsPerKwh === null ? null : (exportWh / 1000) * rate.centsPerKwh * c.creditTax;
      }
    }
    const clWh = iv?.controlledLoadWh;
    let clCents: number | null = 0;
    if (cl) {
      if (clWh === undefined)
        a.warnings.add(
          "The plan has a controlled load rate but no load point is marked as controlled load: its cost is unknown",
        );
      clCents = clWh === undefined || clWh === null ? null : (clWh / 1000) * cl.centsPerKwh * c.chargeTax;
    } else if (clWh) {
      a.warnings.add(
        "Controlled load energy was measured but the plan has no controlled load rate: its cost is unknown",
      );
      clCents = null;
    }
    if (plan.demand && demandSlots[slot]) {
      const key = Math.floor(t / HALF_HOUR_MS);
      const h = bill.halfHours.get(key) ?? { wh: 0, unknown: false };
      if (importWh === null) h.unknown = true;
      else h.wh += importWh;
      bill.halfHours.set(key, h);
    }
    if (!iv || importWh === null || exportWh === null || (cl && (clWh === undefined || clWh === null))) unknown++;
    imports.push(importCents);
    exports.push(exportCents);
    clUsage.push(clCents);
    a.intervals.push({
      endMs: t + INTERVAL_MS,
      day,
      planId: plan.id,
      importCents,
      exportCents,
      controlledLoadCents: clCents,
      importPeriod,
      exportPeriod,
    });
  }
  const clUsageCents = sumKnown(clUsage);
  return {
    day,
    planId: plan.id,
    importCents: sumKnown(imports),
    exportCents: sumKnown(exports),
    supplyCents: (plan.supply?.centsPerDay ?? 0) * c.chargeTax,
    controlledLoadCents: clUsageCents === null ? null : clUsageCents + (cl?.supplyCentsPerDay ?? 0) * c.chargeTax,
    demandCents: 0,
    netCents: null,
    intervals: imports.length,
    unknownIntervals: unknown,
    partial: a.partial,
  };
}
