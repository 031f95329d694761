import "server-only";
import { ApiError } from "@/lib/api/errors";
import { COMPOSITE_VENDOR } from "@/lib/composite/resolve";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { dayBounds, localDay } from "@/lib/time/zones";
import { INTERVAL_MS } from "./channels";
import { compositeSourceIds, computeDays, ledgerFor, storeDays, type AccountsSystem, type ComputedDay } from "./days";
import { intervalAccounts } from "./interval-view";
import { daysOf, keyOf, PeriodError, resolveRange } from "./periods";
import { firstData, loadDays } from "./store";
import { systemPlan } from "./system-ledger";
import { capabilitiesOf } from "./capabilities";
import { addTotals, coreOf, coverageOf, emptyTotals, reasonsOf, type FlowReasons, type Totals } from "./totals";
import type {
  AccountsPeriod,
  AccountsRow,
  Capabilities,
  CompositeAccountsInfo,
  EnergyAccountsRequest,
  EnergyAccountsResponse,
  IntervalAccounts,
} from "./types";

/** Ended days without a stored row computed (and stored) on read per request; later ones wait for the daily job. */
const MAX_COMPUTED_ON_READ = 400;

async function loadSystem(systemId: number): Promise<AccountsSystem> {
  const [system] = await listPipelineSystems([systemId]);
  if (!system || system.status === "removed") throw new ApiError("NOT_FOUND", "No such system");
  return system;
}

/** The first day a system (or any source of a composite) has data. */
async function firstDayOf(system: AccountsSystem): Promise<string | null> {
  const ids = system.vendorType === COMPOSITE_VENDOR ? await compositeSourceIds(system.id) : [];
  const days: string[] = [];
  for (const id of [system.id, ...ids]) {
    const f = await firstData(id);
    if (f.accountsDay) days.push(f.accountsDay);
    if (f.dailyDay) days.push(f.dailyDay);
    if (f.fiveMinuteEndMs !== null) days.push(localDay(f.fiveMinuteEndMs - 1, system.displayTimezone));
  }
  return days.length ? days.sort()[0] : null;
}

/**
 * The days of [from, to]: stored rows, and computed for today (in progress) and any ended day from the first day
 * with data on that has no stored row yet (stored then, so the next read finds it).
 */
async function dayTotals(
  system: AccountsSystem,
  from: string,
  to: string,
  /** The first day with data, when already known (lifetime); looked up only if an ended day is missing. */
  knownFirst: string | null | undefined,
  nowMs: number,
): Promise<{ days: Map<string, ComputedDay>; capabilities: Capabilities | null; info?: CompositeAccountsInfo }> {
  const days = new Map<string, ComputedDay>();
  for (const d of await loadDays(system.id, from, to)) days.set(d.day, { ...d, ended: true });
  const today = localDay(nowMs, system.displayTimezone);
  const missing = daysOf(from, to).filter((d) => !days.has(d) && d <= today);
  const first = missing.some((d) => d !== today)
    ? knownFirst === undefined
      ? await firstDayOf(system)
      : knownFirst
    : null;
  const wanted = missing.filter((d) => d === today || (first !== null && d >= first));
  const computed = await computeDays(system, wanted.slice(-MAX_COMPUTED_ON_READ), nowMs);
  const ended = computed.days.filter((d) => d.ended);
  if (ended.length && computed.capabilities) await storeDays(system.id, ended, computed.capabilities, nowMs);
  for (const d of computed.days) days.set(d.day, d);
  return { days, capabilities: computed.capabilities, info: computed.info };
}

function rowOf(
  period: AccountsPeriod | "total",
  key: string,
  spans: ComputedDay[],
  reasons: FlowReasons,
  nowMs: number,
): AccountsRow {
  const totals: Totals = spans.reduce((a, d) => addTotals(a, d.totals), emptyTotals());
  const startMs = spans[0].startMs;
  const endMs = spans[spans.length - 1].endMs;
  return {
    period: period === "total" ? "lifetime" : period,
    key,
    startMs,
    endMs,
    ...coreOf(totals, reasons),
    coverage: coverageOf(totals),
    complete: spans.every((d) => d.complete),
    inProgress: startMs <= nowMs && nowMs < endMs,
  };
}

/**
 * The accounts of a system (plain or composite) for a period: one row per local day, month or year (or one
 * lifetime row) in [from, to], plus their total. Ended days come from the stored `energy_daily` rows (a missing
 * one is computed and stored on read); today is computed on read from the 5-minute aggregates (open tail
 * included). ApiError NOT_FOUND for an unknown system, BAD_REQUEST for a bad range.
 */
export async function getEnergyAccounts(req: EnergyAccountsRequest): Promise<EnergyAccountsResponse> {
  const nowMs = req.nowMs ?? Date.now();
  const system = await loadSystem(req.systemId);
  const zone = system.displayTimezone;
  const today = localDay(nowMs, zone);
  let range: { from: string; to: string };
  const first = req.period === "lifetime" ? await firstDayOf(system) : undefined;
  try {
    range = resolveRange(req.period, today, first ?? null, req.from, req.to);
  } catch (err) {
    if (err instanceof PeriodError) throw new ApiError("BAD_REQUEST", err.message);
    throw err;
  }
  if (req.intervals && (req.period !== "day" || range.from !== range.to)) {
    throw new ApiError("BAD_REQUEST", "intervals=1 needs period=day and a single day (from = to)");
  }
  const computed = await dayTotals(system, range.from, range.to, first, nowMs);
  const { days } = computed;
  let { capabilities, info: composite } = computed;
  if (!capabilities && system.vendorType === COMPOSITE_VENDOR) {
    const w = await ledgerFor(system, nowMs, nowMs, nowMs);
    capabilities = w.ledger.capabilities;
    composite = w.info;
  }
  capabilities ??= capabilitiesOf(await systemPlan(system.id));
  const reasons = reasonsOf(capabilities);

  const all: ComputedDay[] = daysOf(range.from, range.to).map((day) => days.get(day) ?? emptyDay(day, zone, nowMs));
  const groups = new Map<string, ComputedDay[]>();
  for (const d of all) {
    const k = keyOf(req.period, d.day);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(d);
  }
  const rows = [...groups].map(([k, spans]) => rowOf(req.period, k, spans, reasons, nowMs));
  const response: EnergyAccountsResponse = {
    systemId: system.id,
    displayTimezone: zone,
    period: req.period,
    from: range.from,
    to: range.to,
    capabilities,
    rows,
    total: { ...rowOf("total", "total", all, reasons, nowMs), period: req.period },
  };
  if (composite) response.composite = composite;
  if (req.intervals) {
    const { startMs, endMs } = dayBounds(range.from, zone);
    response.intervals = (await getIntervalAccounts(system.id, startMs, endMs, nowMs)).intervals;
  }
  return response;
}

/** A day with no stored row and no data: its intervals counted, every flow unknown. */
function emptyDay(day: string, zone: string, nowMs: number): ComputedDay {
  const { startMs, endMs } = dayBounds(day, zone);
  const totals = emptyTotals();
  totals.intervals = Math.max(0, Math.floor((Math.min(endMs, nowMs) - startMs) / INTERVAL_MS));
  return { day, startMs, endMs, ended: endMs <= nowMs, complete: false, totals };
}

/**
 * The 5-minute accounts of intervals ending in (fromMs, toMs] (toMs capped at now: intervals in progress are
 * never included), from the stored 5-minute aggregates and the ended intervals not stored yet.
 */
export async function getIntervalAccounts(
  systemId: number,
  fromMs: number,
  toMs: number,
  nowMs = Date.now(),
): Promise<IntervalAccounts> {
  const system = await loadSystem(systemId);
  const from = Math.floor(fromMs / INTERVAL_MS) * INTERVAL_MS;
  const w = await ledgerFor(system, from, Math.ceil(toMs / INTERVAL_MS) * INTERVAL_MS, nowMs);
  return {
    systemId,
    capabilities: w.ledger.capabilities,
    intervals: intervalAccounts(w, system.displayTimezone),
  };
}
