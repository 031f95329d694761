import "server-only";
import { endedBy } from "@/lib/aggregation/close-intervals";
import {
  accountsAfterDaily,
  compositeSourceIds,
  runsOf,
  ledgerFor,
  type AccountsSystem,
  type AfterAccounts,
} from "@/lib/accounts/days";
import { P } from "@/lib/accounts/channels";
import type { LedgerWindow } from "@/lib/accounts/system-ledger";
import { carbonRegionOfState, gridFactor } from "@/lib/carbon";
import { COMPOSITE_VENDOR } from "@/lib/composite/resolve";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { listTariffPlans, listTariffPlansOf } from "@/lib/tariffs/store";
import type { IntervalCost } from "@/lib/tariffs/types";
import { dayBoundsCached as dayBounds } from "@/lib/tariffs/calendar";
import { computeCostDays, INTERVAL_MS, pricingStart, type CostDayRow, type CostFlows, type CostPlan } from "./compute";
import {
  accountsComputedAt,
  loadVendorPrices,
  systemsWithPrices,
  writeCostDays,
  writeCostRows,
  type StoredCostDay,
} from "./store";

/** The grid region's factor: the region of the latest plan's public holidays (a state), else the national average. */
export function carbonFactorOf(plans: readonly CostPlan[]): {
  region: ReturnType<typeof carbonRegionOfState>;
  kgPerKwh: number;
} {
  const region = carbonRegionOfState(plans[plans.length - 1]?.holidays.region ?? null);
  return { region, kgPerKwh: gridFactor(region) };
}

/** The flows of a ledger window's intervals lo..hi−1 as the cost engine reads them. */
export function flowsOf(w: LedgerWindow): CostFlows {
  const l = w.ledger;
  const s = (a: Float64Array) => a.subarray(w.lo, w.hi);
  const estimated = new Uint8Array(Math.max(0, w.hi - w.lo));
  const flows = [l.flows.gridImport, l.flows.gridExport, l.flows.load, l.flows.solar];
  for (let i = w.lo; i < w.hi; i++) {
    for (const f of flows) {
      if (f.prov[i] === P.interpolated || f.prov[i] === P.integrated) estimated[i - w.lo] = 1;
    }
  }
  const controlled = l.loads.find((x) => x.key === "load.controlled" || x.key.startsWith("load.controlled."));
  return {
    firstEndMs: l.grid.firstEndMs + w.lo * INTERVAL_MS,
    count: Math.max(0, w.hi - w.lo),
    importWh: s(l.flows.gridImport.wh),
    exportWh: s(l.flows.gridExport.wh),
    loadWh: s(l.flows.load.wh),
    solarWh: s(l.flows.solar.wh),
    solarToGridWh: s(l.attribution.solarToGrid),
    ...(controlled ? { controlledLoadWh: s(controlled.series.wh) } : {}),
    estimated,
  };
}

/** A system's plans as the engine and the stored days read them. */
export async function plansOf(systemId: number): Promise<CostPlan[]> {
  return listTariffPlans(systemId);
}

/** The systems whose vendor prices and renewables share a system's costs read (a composite's sources too). */
export async function priceSystemIds(system: AccountsSystem): Promise<number[]> {
  return system.vendorType === COMPOSITE_VENDOR ? [system.id, ...(await compositeSourceIds(system.id))] : [system.id];
}

type Span = { day: string; startMs: number; endMs: number };

/**
 * Today so far ends at its last interval with any data: the intervals after it have ended but their readings have
 * not arrived yet (the vendor's delay), which is not the same as unknown energy.
 */
function trimToday(w: LedgerWindow, spans: Span[], zone: string): void {
  const last = spans[spans.length - 1];
  if (last.endMs >= dayBounds(last.day, zone).endMs) return;
  let hi = w.hi;
  while (hi > w.lo && !w.ledger.hasData[hi - 1]) hi--;
  const endMs = w.ledger.grid.firstEndMs + (hi - 1) * INTERVAL_MS;
  if (hi > w.lo && endMs > last.startMs) last.endMs = Math.min(last.endMs, endMs);
}

/** Prices the days of a ledger window (the window covers exactly the days, up to the last ended interval). */
async function priceWindow(
  w: LedgerWindow,
  spans: Span[],
  plans: CostPlan[],
  zone: string,
  priceIds: number[],
): Promise<{ days: CostDayRow[]; intervals: IntervalCost[] }> {
  const flows = flowsOf(w);
  const afterMs = flows.firstEndMs - INTERVAL_MS;
  const vendor = await loadVendorPrices(priceIds, afterMs, afterMs + flows.count * INTERVAL_MS);
  return computeCostDays({
    plans,
    zone,
    flows,
    days: spans,
    prices: vendor.prices,
    renewablesPct: vendor.renewablesPct,
    kgPerKwh: carbonFactorOf(plans).kgPerKwh,
  });
}

/**
 * Prices some local days of a system from its accounts ledger (today up to the last ended interval). With
 * `withIntervals`, also the 5-minute interval costs of those days.
 */
export async function priceDays(
  system: AccountsSystem,
  days: string[],
  plans: CostPlan[],
  nowMs: number,
  withIntervals = false,
): Promise<{ rows: CostDayRow[]; intervals: IntervalCost[] }> {
  const zone = system.displayTimezone;
  const rows: CostDayRow[] = [];
  const intervals: IntervalCost[] = [];
  const until = endedBy(nowMs);
  const priceIds = await priceSystemIds(system);
  for (const run of runsOf(days)) {
    const spans = run
      .map((day) => {
        const b = dayBounds(day, zone);
        return { day, startMs: b.startMs, endMs: Math.min(b.endMs, Math.max(b.startMs, until)) };
      })
      .filter((s) => s.endMs > s.startMs);
    if (!spans.length) continue;
    // Block steps counted per billing period need the period so far.
    const fromMs = Math.min(dayBounds(pricingStart(plans, run[0]), zone).startMs, spans[0].startMs);
    const w = await ledgerFor(system, fromMs, spans[spans.length - 1].endMs, nowMs);
    trimToday(w, spans, zone);
    const out = await priceWindow(w, spans, plans, zone, priceIds);
    rows.push(...out.days);
    if (withIntervals) intervals.push(...out.intervals);
  }
  return { rows, intervals };
}

/** (Re)prices and stores some ended days of one system. Returns rows written. */
export async function writeDailyCosts(system: AccountsSystem, days: string[], nowMs = Date.now()): Promise<number> {
  const ended = days.filter((d) => dayBounds(d, system.displayTimezone).endMs <= nowMs).sort();
  if (!ended.length) return 0;
  const plans = await plansOf(system.id);
  const { rows } = await priceDays(system, ended, plans, nowMs);
  const computedAt = await accountsComputedAt(system.id, ended[0], ended[ended.length - 1]);
  return writeCostDays(
    system.id,
    rows.map((r) => ({ ...r, accountsComputedAt: computedAt.get(r.day) ?? null })),
    nowMs,
  );
}

/** The daily job's costs step: the days whose accounts were just written, priced and stored. */
export async function costsAfterDaily(
  written: Array<{ systemId: number; days: string[] }>,
  nowMs = Date.now(),
): Promise<number> {
  let rows = 0;
  const systems = new Map((await listPipelineSystems(written.map((w) => w.systemId))).map((s) => [s.id, s]));
  for (const { systemId, days } of written) {
    const system = systems.get(systemId);
    if (!system || system.status === "removed") continue;
    rows += await writeDailyCosts(system, days, nowMs);
  }
  return rows;
}

/**
 * The accounts step's follower for a batch of systems: prices the ended days just stored from the same ledger
 * windows (no second read of the 5-minute rows), valid for that accounts computation (computed_at = nowMs). Plans
 * and which systems have vendor prices are read once for the batch; rows are written a few hundred at a time.
 */
export function costStep(systemIds: number[]): { after: AfterAccounts; flush: () => Promise<number> } {
  let batch: { plans: Map<number, CostPlan[]>; priced: Set<number> } | null = null;
  let buffer: Array<StoredCostDay & { systemId: number }> = [];
  let written = 0;
  const flush = async () => {
    const rows = buffer;
    buffer = [];
    if (rows.length) written += await writeCostRows(rows, Date.now());
    return written;
  };
  const after: AfterAccounts = async (system, runs, nowMs) => {
    batch ??= { plans: await listTariffPlansOf(systemIds), priced: await systemsWithPrices(systemIds) };
    const known = batch.plans.has(system.id);
    const plans = known ? batch.plans.get(system.id)! : await plansOf(system.id);
    // A composite (not in the batch) reads its sources' prices; a batch system without price points reads none.
    const priceIds = !known ? await priceSystemIds(system) : batch.priced.has(system.id) ? [system.id] : [];
    for (const run of runs) {
      const ended = run.days.filter((d) => d.ended);
      if (!ended.length) continue;
      const spans = ended.map((d) => ({ day: d.day, startMs: d.startMs, endMs: d.endMs }));
      // Block steps per billing period need the period so far: read it (rare); otherwise reuse the window.
      const out =
        pricingStart(plans, spans[0].day) < spans[0].day
          ? {
              days: (
                await priceDays(
                  system,
                  spans.map((x) => x.day),
                  plans,
                  nowMs,
                )
              ).rows,
            }
          : await priceWindow(run.window, spans, plans, system.displayTimezone, priceIds);
      for (const r of out.days) buffer.push({ ...r, systemId: system.id, accountsComputedAt: nowMs });
    }
    if (buffer.length >= 500) await flush();
  };
  return { after, flush };
}

/**
 * The daily step the catch-up runs: each day's energy accounts, then its costs from the same ledgers (composites
 * included; older days are priced on read when their accounts change). Returns the accounts rows written, as
 * accountsAfterDaily does.
 */
export async function accountsAndCostsAfterDaily(
  written: Array<{ systemId: number; days: string[] }>,
  nowMs = Date.now(),
  backfill?: number,
): Promise<number> {
  const step = costStep(written.map((w) => w.systemId));
  const rows = await accountsAfterDaily(written, nowMs, backfill, step.after);
  await step.flush();
  return rows;
}

/** The regenerate variant (no backfill of older days). */
export const regenerateAccountsAndCosts = (written: Array<{ systemId: number; days: string[] }>, nowMs: number) =>
  accountsAndCostsAfterDaily(written, nowMs, 0);
