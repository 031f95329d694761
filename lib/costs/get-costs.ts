import "server-only";
import { DateTime } from "luxon";
import { daysOf, PeriodError, resolveRange } from "@/lib/accounts/periods";
import { ApiError } from "@/lib/api/errors";
import { CURRENT_FACTORS, gridFactor, systemCarbonRegion } from "@/lib/carbon";
import { listPipelineSystems, type PipelineSystem } from "@/lib/db/queries/systems";
import { COUNTERFACTUAL_METHOD } from "@/lib/tariffs/counterfactuals";
import { planForDay } from "@/lib/tariffs/calendar";
import { localDay } from "@/lib/time/zones";
import type { CostDayRow, CostPlan } from "./compute";
import { carbonFactorOf, plansOf, priceDays } from "./job";
import { billEstimate, billOf, settleDays, sumFigures, type SettledDay } from "./settle";
import {
  accountsComputedAt,
  loadBillActuals,
  loadCarbonRegion,
  loadCostDays,
  storedCarbonTotals,
  writeCostDays,
} from "./store";
import type { BillEstimate, CostInterval, CostRow, CostsPeriod, CostsResponse, LifetimeCarbon } from "./types";

export interface CostsRequest {
  systemId: number;
  period: CostsPeriod;
  /** YYYY-MM-DD: a day in the first / last span (day, month, year or billing period). */
  from?: string;
  to?: string;
  /** The day's 5-minute interval costs (period=day, one day). */
  intervals?: boolean;
  nowMs?: number;
}

/** Most billing periods per request. */
const MAX_BILLS = 40;

export const COST_METHODS: CostsResponse["methods"] = {
  ...COUNTERFACTUAL_METHOD,
  carbon:
    "Emissions = energy bought × the grid region's factor (scaled down by the grid's renewables share where the " +
    "retailer reports it); avoided = solar used at home and exported × the same factor, assuming each solar kWh " +
    "displaces an average grid kWh.",
  demand:
    "Demand: the billing period's highest half-hour average import inside the demand windows × the rate, spread " +
    "evenly over the period's days; so far, until the period ends.",
  unknown: "A figure is unknown (—) when any energy it needs is unknown; it is never counted as 0.",
};

const DEFAULT_BILLING = { cycle: "monthly", startDay: 1, startMonth: 1 } as const;

async function loadSystem(systemId: number): Promise<PipelineSystem> {
  const [system] = await listPipelineSystems([systemId]);
  if (!system || system.status === "removed") throw new ApiError("NOT_FOUND", "No such system");
  return system;
}

/** The billing periods (under the plan of each) from the one containing `from` to the one containing `to`. */
function billsBetween(
  plans: readonly CostPlan[],
  from: string,
  to: string,
): Array<{ start: string; end: string; planId: number }> {
  const out: Array<{ start: string; end: string; planId: number }> = [];
  let day = from;
  while (day <= to && out.length <= MAX_BILLS) {
    const plan = planForDay(plans, day);
    if (!plan) {
      // Days before the first plan: one span up to it (costs unknown).
      const next = plans.find((p) => p.effectiveFrom > day)?.effectiveFrom;
      if (!next) break;
      day = next;
      continue;
    }
    const b = billOf(plans, plan, day);
    out.push({ start: b.start, end: b.end, planId: plan.id });
    day = b.end;
  }
  if (out.length > MAX_BILLS) throw new ApiError("BAD_REQUEST", `At most ${MAX_BILLS} billing periods at a time`);
  return out;
}

/**
 * The stored cost days of [from, to] that are still valid (same plan version, same accounts computation),
 * the others priced again from the ledger (ended ones stored), today priced on read.
 */
async function costDays(
  system: PipelineSystem,
  plans: CostPlan[],
  from: string,
  to: string,
  today: string,
  nowMs: number,
): Promise<CostDayRow[]> {
  const stored = await loadCostDays(system.id, from, to);
  const byDay = new Map<string, CostDayRow>(stored.map((d) => [d.day, d]));
  const valid = new Set(
    stored
      .filter((s) => {
        if (s.day >= today) return false;
        const plan = planForDay(plans, s.day);
        return (
          s.planId === (plan?.id ?? null) &&
          s.planVersion === (plan?.version ?? null) &&
          s.accountsComputedAt === s.currentAccountsAt
        );
      })
      .map((s) => s.day),
  );
  const wanted = daysOf(from, to);
  const stale = wanted.filter((day) => !valid.has(day));
  if (stale.length) {
    const { rows } = await priceDays(system, stale, plans, nowMs);
    const ended = rows.filter((r) => r.day < today);
    if (ended.length) {
      const computedAt = await accountsComputedAt(system.id, ended[0].day, ended[ended.length - 1].day);
      await writeCostDays(
        system.id,
        ended.map((r) => ({ ...r, accountsComputedAt: computedAt.get(r.day) ?? null })),
        nowMs,
      );
    }
    for (const r of rows) byDay.set(r.day, r);
  }
  return wanted.flatMap((d) => (byDay.has(d) ? [byDay.get(d)!] : []));
}

const plusDays = (day: string, n: number) => DateTime.fromISO(day, { zone: "utc" }).plus({ days: n }).toISODate()!;

function row(key: string, start: string, end: string, days: SettledDay[], today: string): CostRow {
  return {
    key,
    start,
    end,
    planIds: [...new Set(days.map((d) => d.planId).filter((x): x is number => x !== null))],
    inProgress: start <= today && today < end,
    ...sumFigures(days),
  };
}

/**
 * Costs, savings and carbon of a system per day, month, year or billing period in [from, to], with the current (or
 * `to`'s) billing period estimated and projected. ApiError NOT_FOUND / BAD_REQUEST.
 */
export async function getCosts(req: CostsRequest): Promise<CostsResponse> {
  const nowMs = req.nowMs ?? Date.now();
  const [system, unsorted, actuals, chosenRegion] = await Promise.all([
    loadSystem(req.systemId),
    plansOf(req.systemId),
    loadBillActuals(req.systemId),
    loadCarbonRegion(req.systemId),
  ]);
  const zone = system.displayTimezone;
  const today = localDay(nowMs, zone);
  const plans = unsorted.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const planOrDefault = (day: string) =>
    planForDay(plans, day) ?? ({ id: 0, effectiveFrom: "0000-01-01", billing: DEFAULT_BILLING } as unknown as CostPlan);

  let range: { from: string; to: string };
  let bills: Array<{ start: string; end: string; planId: number }> = [];
  try {
    if (req.period === "bill") {
      const a = req.from ?? req.to ?? today;
      const b = req.to ?? req.from ?? today;
      for (const [name, v] of [
        ["from", a],
        ["to", b],
      ] as const) {
        if (!DateTime.fromISO(v, { zone: "utc" }).isValid) throw new PeriodError(`${name} must be a date YYYY-MM-DD`);
      }
      if (b < a) throw new PeriodError("'from' is after 'to'");
      bills = billsBetween(plans.length ? plans : [planOrDefault(a)], a, b > today ? today : b);
      range = bills.length
        ? { from: bills[0].start, to: [plusDays(bills[bills.length - 1].end, -1), today].sort()[0] }
        : { from: a, to: b > today ? today : b };
    } else {
      range = resolveRange(req.period, today, null, req.from, req.to);
    }
  } catch (err) {
    if (err instanceof PeriodError) throw new ApiError("BAD_REQUEST", err.message);
    throw err;
  }
  if (req.intervals && (req.period !== "day" || range.from !== range.to)) {
    throw new ApiError("BAD_REQUEST", "intervals=1 needs period=day and a single day (from = to)");
  }

  // The bill shown: the period containing `to` (today at the latest).
  const billDay = range.to > today ? today : range.to;
  const billPlan = planForDay(plans, billDay);
  const current = billPlan ? { ...billOf(plans, billPlan, billDay), planId: billPlan.id } : null;
  // Demand is settled per billing period: load every day of the periods the range touches, so far.
  const firstPlan = planForDay(plans, range.from);
  const loadFrom = [
    range.from,
    firstPlan ? billOf(plans, firstPlan, range.from).start : range.from,
    current?.start ?? range.from,
  ].sort()[0];
  const loadTo = range.to > today ? today : range.to;
  const carbon = carbonOf(system, plans, chosenRegion);
  const days = (loadFrom <= loadTo ? await costDays(system, plans, loadFrom, loadTo, today, nowMs) : []).map((d) =>
    rescaled(d, carbon.kgPerKwh, carbon.legacyKgPerKwh),
  );
  const settled = settleDays(days, plans);
  const inRange = settled.filter((d) => d.day >= range.from && d.day <= range.to);

  const groups = new Map<string, { start: string; end: string; days: SettledDay[] }>();
  if (req.period === "bill") {
    for (const b of bills) groups.set(b.start, { start: b.start, end: b.end, days: [] });
    for (const d of inRange) {
      const b = bills.find((x) => x.start <= d.day && d.day < x.end);
      if (b) groups.get(b.start)!.days.push(d);
    }
  } else {
    for (const d of inRange) {
      const key = req.period === "day" ? d.day : req.period === "month" ? d.day.slice(0, 7) : d.day.slice(0, 4);
      if (!groups.has(key)) {
        const start = req.period === "day" ? d.day : req.period === "month" ? `${key}-01` : `${key}-01-01`;
        const unit = req.period === "day" ? { days: 1 } : req.period === "month" ? { months: 1 } : { years: 1 };
        const end = DateTime.fromISO(start, { zone: "utc" }).plus(unit).toISODate()!;
        groups.set(key, { start, end, days: [] });
      }
      groups.get(key)!.days.push(d);
    }
  }
  const rows = [...groups].map(([key, g]) => row(key, g.start, g.end, g.days, today));

  const bill: BillEstimate | null = current
    ? billEstimate(current, settled, today, actuals.get(current.start) ?? null)
    : null;

  const { region, kgPerKwh, automatic } = carbon;
  const lifetime = await lifetimeCarbon(system.id, today, settled, carbon);
  const response: CostsResponse = {
    systemId: system.id,
    displayTimezone: zone,
    currency: plans[plans.length - 1]?.currency ?? "AUD",
    period: req.period,
    from: range.from,
    to: range.to,
    rows,
    total: sumFigures(inRange),
    bill,
    carbonRegion: {
      region,
      label: CURRENT_FACTORS.factors[region].label,
      kgPerKwh,
      source: CURRENT_FACTORS.source,
      automatic,
    },
    lifetimeCarbon: lifetime,
    methods: COST_METHODS,
    warnings: warningsOf(plans, inRange, range),
  };
  if (req.intervals) {
    const { intervals } = await priceDays(system, [range.from], plans, nowMs, true);
    response.intervals = intervals
      .filter((iv) => iv.day === range.from)
      .map((iv): CostInterval => ({
        endMs: iv.endMs,
        importCents: iv.importCents,
        exportCents: iv.exportCents,
        controlledLoadCents: iv.controlledLoadCents,
        importPeriod: iv.importPeriod,
        exportPeriod: iv.exportPeriod,
      }));
  }
  return response;
}

/** The system's grid region and factor now, and the factor stored days without one were computed with. */
function carbonOf(system: PipelineSystem, plans: readonly CostPlan[], chosen: string | null) {
  const { region, automatic } = systemCarbonRegion({
    chosen,
    planState: plans[plans.length - 1]?.holidays.region ?? null,
    metadata: system.metadata,
    zone: system.displayTimezone,
  });
  return { region, automatic, kgPerKwh: gridFactor(region), legacyKgPerKwh: carbonFactorOf(plans).kgPerKwh };
}

/** A day's carbon at the current factor (grams are linear in it; see migration 0017). */
function rescaled(d: CostDayRow, kgPerKwh: number, legacyKgPerKwh: number): CostDayRow {
  const scale = kgPerKwh / (d.carbonKgPerKwh ?? legacyKgPerKwh);
  if (scale === 1) return d;
  return {
    ...d,
    importG: d.importG === null ? null : d.importG * scale,
    avoidedG: d.avoidedG === null ? null : d.avoidedG * scale,
    carbonKgPerKwh: kgPerKwh,
  };
}

/** Lifetime carbon: every stored ended day at the current factor, and today so far when it was loaded. */
async function lifetimeCarbon(
  systemId: number,
  today: string,
  settled: readonly SettledDay[],
  carbon: { kgPerKwh: number; legacyKgPerKwh: number },
): Promise<LifetimeCarbon> {
  const stored = await storedCarbonTotals(systemId, today, carbon.kgPerKwh, carbon.legacyKgPerKwh);
  const now = settled.find((d) => d.day === today);
  const nowKnown = now && now.carbon.importG !== null && now.carbon.avoidedG !== null;
  const days = stored.days + (now ? 1 : 0);
  // Sums over the known days only: with none known the lifetime figure is unknown, not 0.
  const known = stored.days - stored.unknownDays + (nowKnown ? 1 : 0) > 0;
  return {
    importG: known ? stored.importG + (nowKnown ? now.carbon.importG! : 0) : null,
    avoidedG: known ? stored.avoidedG + (nowKnown ? now.carbon.avoidedG! : 0) : null,
    from: stored.first ?? (now ? today : null),
    through: now ? today : stored.last,
    days,
    unknownDays: stored.unknownDays + stored.unpricedDays + (now && !nowKnown ? 1 : 0),
  };
}

function warningsOf(
  plans: readonly CostPlan[],
  days: readonly SettledDay[],
  range: { from: string; to: string },
): string[] {
  const out: string[] = [];
  if (!plans.length) out.push("This system has no tariff plan: costs are unknown until one is added in settings");
  else if (plans[0].effectiveFrom > range.from) {
    out.push(`No tariff plan covers the days before ${plans[0].effectiveFrom}: their costs are unknown`);
  }
  const unknown = days.filter((d) => d.unknownIntervals > 0).length;
  if (unknown)
    out.push(`${unknown} day${unknown > 1 ? "s have" : " has"} intervals with unknown energy: their costs are unknown`);
  const estimated = days.filter((d) => d.estimated).length;
  if (estimated) {
    out.push(
      `${estimated} day${estimated > 1 ? "s include" : " includes"} energy interpolated over a gap or integrated from power: an estimate`,
    );
  }
  return out;
}
