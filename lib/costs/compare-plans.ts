import "server-only";
import { DateTime } from "luxon";
import { ledgerFor } from "@/lib/accounts/days";
import { ApiError } from "@/lib/api/errors";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { getAdapter } from "@/lib/vendors/registry";
import { planForDay } from "@/lib/tariffs/calendar";
import type { TariffInterval } from "@/lib/tariffs/types";
import { dayBounds, localDay } from "@/lib/time/zones";
import { STORED_PRICES_PLAN, comparePlanCosts, pricingFrom } from "./compare";
import { INTERVAL_MS, tariffIntervals } from "./compute";
import { flowsOf, plansOf, priceSystemIds } from "./job";
import { loadVendorPrices, ownersPriceSeriesSystem, priceSeriesSystem } from "./store";
import type { PlanComparisonResponse } from "./types";

/** Days per ledger read: a long span is read a quarter at a time to bound memory. */
const CHUNK_DAYS = 92;

export const COMPARE_METHOD =
  "Each plan prices every 5-minute interval of the span as if it had been in force all along (its own billing " +
  "periods, supply charge every day, demand per billing period), on the same measured import and export. The " +
  "stored-prices row uses a dynamic-price retailer's stored per-interval prices only: its daily supply charge and " +
  "subscription are not included, and a controlled load circuit has no stored price (that row is then unknown).";

const plusDays = (day: string, n: number) => DateTime.fromISO(day, { zone: "utc" }).plus({ days: n }).toISODate()!;

/**
 * What each saved plan of a system (and a dynamic-price retailer at its stored prices, when the system or a
 * composite's source has such a price series) would have cost over the last `months` months of ended days. ApiError NOT_FOUND.
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

  // A dynamic-price retailer's stored prices: the system's own, else another of the owner's systems that has them
  // (a person on a fixed plan who also tracks a dynamic-price account, or the demo), so any system can be priced
  // against them.
  const priceIds = await priceSystemIds(system);
  const own = await priceSeriesSystem(priceIds);
  const source = own ?? (req.ownersPrices ? await ownersPriceSeriesSystem(system.ownerUserId, priceIds, zone) : null);
  const { prices } = source
    ? await loadVendorPrices(own ? priceIds : [source.id], readFromMs, range.endMs)
    : { prices: new Map() };
  const withStored = source !== null && prices.size > 0 && !plans.some((p) => p.import?.kind === "dynamic");
  const vendorName = source ? (getAdapter(source.vendorType)?.displayName ?? "Dynamic prices") : "";
  const priceSeries = withStored ? { systemId: source.id, own: own !== null, vendorName } : null;
  const current = planForDay(plans, today);
  const rows =
    firstDataMs === null || from > to
      ? []
      : comparePlanCosts({
          plans: [
            ...plans.map((plan) => ({ plan, planId: plan.id, storedPrices: false })),
            ...(withStored
              ? [
                  {
                    plan: { ...STORED_PRICES_PLAN, name: `${vendorName} at stored prices` },
                    planId: null,
                    storedPrices: true,
                  },
                ]
              : []),
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
    priceSeries,
    warnings,
  };
}
