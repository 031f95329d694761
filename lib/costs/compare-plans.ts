import "server-only";
import { DateTime } from "luxon";
import { ledgerFor } from "@/lib/accounts/days";
import { ApiError } from "@/lib/api/errors";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { planForDay } from "@/lib/tariffs/calendar";
import type { TariffInterval } from "@/lib/tariffs/types";
import { dayBounds, localDay } from "@/lib/time/zones";
import { AMBER_PLAN, comparePlanCosts, pricingFrom } from "./compare";
import { INTERVAL_MS, tariffIntervals } from "./compute";
import { flowsOf, plansOf, priceSystemIds } from "./job";
import { loadVendorPrices, ownersPriceSystemId } from "./store";
import type { PlanComparisonResponse } from "./types";

/** Days per ledger read: a long span is read a quarter at a time to bound memory. */
const CHUNK_DAYS = 92;

export const COMPARE_METHOD =
  "Each plan prices every 5-minute interval of the span as if it had been in force all along (its own billing " +
  "periods, supply charge every day, demand per billing period), on the same measured import and export. The Amber " +
  "row uses the stored per-interval Amber prices only: its daily supply charge and subscription are not included, " +
  "and a controlled load circuit has no stored Amber price (that row is then unknown).";

const plusDays = (day: string, n: number) => DateTime.fromISO(day, { zone: "utc" }).plus({ days: n }).toISODate()!;

/**
 * What each saved plan of a system (and Amber at stored prices, when the system or a composite's source has an
 * Amber price series) would have cost over the last `months` months of ended days. ApiError NOT_FOUND.
 */
export async function comparePlans(req: {
  systemId: number;
  months: number;
  nowMs?: number;
  /** Let a system without prices of its own borrow another of its owner's (only when the owner asks: nobody else
   *  learns of the owner's other systems). */
  ownersPrices?: boolean;
}): Promise<PlanComparisonResponse> {
  const nowMs = req.nowMs ?? Date.now();
  const [system] = await listPipelineSystems([req.systemId]);
  if (!system || system.status === "removed") throw new ApiError("NOT_FOUND", "No such system");
  const zone = system.displayTimezone;
  const plans = (await plansOf(system.id)).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const today = localDay(nowMs, zone);
  const to = plusDays(today, -1);
  let from = DateTime.fromISO(today, { zone: "utc" }).minus({ months: req.months }).toISODate()!;

  // The system's intervals, a chunk of days at a time (from the start of a billing period when block steps count
  // over it); the span starts at the first day with any energy data.
  const readFrom = plans.map((p) => pricingFrom(p, from)).reduce((a, b) => (b < a ? b : a), from);
  const intervals: TariffInterval[] = [];
  let firstDataMs: number | null = null;
  for (let day = readFrom; day <= to; day = plusDays(day, CHUNK_DAYS)) {
    const last = [plusDays(day, CHUNK_DAYS - 1), to].sort()[0];
    const w = await ledgerFor(system, dayBounds(day, zone).startMs, dayBounds(last, zone).endMs, nowMs);
    for (let i = w.lo; firstDataMs === null && i < w.hi; i++) {
      if (w.ledger.hasData[i]) firstDataMs = w.ledger.grid.firstEndMs + i * INTERVAL_MS;
    }
    if (firstDataMs !== null) for (const iv of tariffIntervals(flowsOf(w)).actual) intervals.push(iv);
  }
  const firstDataDay = firstDataMs === null ? null : localDay(firstDataMs - INTERVAL_MS, zone);
  if (firstDataDay && firstDataDay > from) from = firstDataDay;
  const range = { startMs: dayBounds(from, zone).startMs, endMs: dayBounds(to, zone).endMs };
  const readFromMs = dayBounds(readFrom, zone).startMs;

  // Amber's stored prices: the system's own, else another of the owner's systems that has them (a person on a
  // fixed plan who also tracks an Amber account, or the demo), so any system can be priced against them.
  const priceIds = await priceSystemIds(system);
  let { prices } = await loadVendorPrices(priceIds, readFromMs, range.endMs);
  let amberPrices: PlanComparisonResponse["amberPrices"] = prices.size ? { systemId: system.id, own: true } : null;
  if (!prices.size && req.ownersPrices) {
    const other = await ownersPriceSystemId(system.ownerUserId, priceIds, zone);
    if (other !== null) {
      ({ prices } = await loadVendorPrices([other], readFromMs, range.endMs));
      if (prices.size) amberPrices = { systemId: other, own: false };
    }
  }
  const hasAmber = prices.size > 0 && !plans.some((p) => p.import?.kind === "dynamic");
  if (!hasAmber) amberPrices = null;
  const current = planForDay(plans, today);
  const rows =
    firstDataMs === null || from > to
      ? []
      : comparePlanCosts({
          plans: [
            ...plans.map((plan) => ({ plan, planId: plan.id, amber: false })),
            ...(hasAmber ? [{ plan: AMBER_PLAN, planId: null, amber: true }] : []),
          ],
          currentPlanId: current?.id ?? null,
          zone,
          intervals: intervals.filter((iv) => iv.endMs > readFromMs && iv.endMs <= range.endMs),
          range,
          fromDay: from,
          prices,
        });
  const warnings: string[] = [];
  if (!plans.length) warnings.push("This system has no saved tariff plan: add one in settings to compare");
  if (firstDataMs === null) warnings.push(`No energy data in the last ${req.months} months: nothing to compare`);
  else if (!current && plans.length) warnings.push(`No plan is in force today: differences are not shown`);
  return {
    systemId: system.id,
    displayTimezone: zone,
    currency: current?.currency ?? plans[plans.length - 1]?.currency ?? "AUD",
    months: req.months,
    from,
    to,
    plans: rows,
    method: COMPARE_METHOD,
    amberPrices,
    warnings,
  };
}
