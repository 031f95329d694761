import "server-only";
import { listCompositeMetadata, listPipelineSystems, type PipelineSystem } from "@/lib/db/queries/systems";
import { COMPOSITE_VENDOR } from "@/lib/composite/resolve";
import { dayBounds as zoneDayBounds, localDay as localDayOf, nextDay } from "@/lib/time/zones";
import { INTERVAL_MS } from "./channels";
import { compositeLedger } from "./composite-ledger";
import { systemLedger, type LedgerWindow } from "./system-ledger";
import { clearDays, daysWithoutAccounts, firstData, writeDays, type DayRowValues } from "./store";
import { coreOf, isComplete, reasonsOf, totalsOf, type Totals } from "./totals";
import type { Capabilities, CompositeAccountsInfo } from "./types";

const boundsMemo = new Map<string, { startMs: number; endMs: number }>();

/** dayBounds, remembered (the job asks for the same few days of the same zones thousands of times). */
export function dayBounds(day: string, zone: string): { startMs: number; endMs: number } {
  const key = `${zone} ${day}`;
  let b = boundsMemo.get(key);
  if (!b) {
    if (boundsMemo.size > 5000) boundsMemo.clear();
    boundsMemo.set(key, (b = zoneDayBounds(day, zone)));
  }
  return b;
}

export interface ComputedDay {
  day: string;
  startMs: number;
  endMs: number;
  ended: boolean;
  complete: boolean;
  totals: Totals;
}

export type AccountsSystem = Pick<PipelineSystem, "id" | "vendorType" | "displayTimezone">;

/** The ledger of a plain or composite system for intervals ending in (fromMs, toMs]. */
export async function ledgerFor(
  system: AccountsSystem,
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<LedgerWindow & { info?: CompositeAccountsInfo }> {
  return system.vendorType === COMPOSITE_VENDOR
    ? compositeLedger(system.id, fromMs, toMs, nowMs)
    : systemLedger(system.id, fromMs, toMs, nowMs);
}

/** Days per ledger: a long regenerate is computed a month at a time. */
const RUN_DAYS = 31;

/** Runs of consecutive days (sorted, unique), at most RUN_DAYS each (one ledger read each). */
export function runsOf(days: string[]): string[][] {
  const runs: string[][] = [];
  for (const d of [...new Set(days)].sort()) {
    const run = runs[runs.length - 1];
    if (run && run.length < RUN_DAYS && nextDay(run[run.length - 1]) === d) run.push(d);
    else runs.push([d]);
  }
  return runs;
}

export interface ComputedDays {
  days: ComputedDay[];
  /** Null when no day was asked for. */
  capabilities: Capabilities | null;
  info?: CompositeAccountsInfo;
  /** The ledger of the last run (the one-day interval view reads it). */
  last?: LedgerWindow;
  /**
   * Earlier days a counter gap reached into (the window was widened to the gap's start): their share of the
   * energy the counter revealed changed too.
   */
  reached: string[];
  /** Each run of consecutive days with the ledger window it was computed from (a later step reuses it). */
  runs: LedgerRun[];
}

/** A run of consecutive computed days and its ledger window (intervals lo..hi−1 are exactly those days so far). */
export interface LedgerRun {
  days: ComputedDay[];
  window: LedgerWindow;
}

/**
 * A step that follows the stored accounts of some days of one system and reuses their ledger (the costs, in
 * lib/costs), given by the caller so this module imports nothing above it.
 */
export type AfterAccounts = (system: AccountsSystem, runs: LedgerRun[], nowMs: number) => Promise<unknown>;

/** Accounts sums of some local days (in the system's zone), one ledger per run of consecutive days. */
export async function computeDays(system: AccountsSystem, days: string[], nowMs: number): Promise<ComputedDays> {
  const out: ComputedDay[] = [];
  let result: Omit<ComputedDays, "days" | "reached" | "runs"> = { capabilities: null };
  const reached = new Set<string>();
  const ledgerRuns: LedgerRun[] = [];
  for (const run of runsOf(days)) {
    const spans = run.map((day) => ({ day, ...dayBounds(day, system.displayTimezone) }));
    const fromMs = spans[0].startMs;
    const w = await ledgerFor(system, fromMs, spans[spans.length - 1].endMs, nowMs);
    const runDays: ComputedDay[] = [];
    for (const s of spans) {
      const lo = w.lo + (s.startMs - fromMs) / INTERVAL_MS;
      const hi = Math.min(w.hi, w.lo + (s.endMs - fromMs) / INTERVAL_MS);
      const totals = totalsOf(w.ledger, lo, Math.max(lo, hi));
      const ended = s.endMs <= nowMs;
      runDays.push({ ...s, ended, complete: isComplete(totals, w.ledger.capabilities, ended), totals });
    }
    out.push(...runDays);
    ledgerRuns.push({ days: runDays, window: w });
    result = { capabilities: w.ledger.capabilities, info: w.info, last: w };
    const gridStart = w.ledger.grid.firstEndMs - INTERVAL_MS;
    if (gridStart < fromMs) {
      const first = localDayOf(gridStart, system.displayTimezone);
      for (let d = first; d < run[0]; d = nextDay(d)) reached.add(d);
    }
  }
  return { days: out, ...result, reached: [...reached].filter((d) => !days.includes(d)), runs: ledgerRuns };
}

/** A computed day as the row energy_daily stores. */
function rowOf(d: ComputedDay, capabilities: Parameters<typeof reasonsOf>[0]): DayRowValues {
  const core = coreOf(d.totals, reasonsOf(capabilities));
  const provenance = Object.fromEntries(
    Object.entries(core.flows).map(([f, v]) => [f, v.provenance]),
  ) as DayRowValues["provenance"];
  return {
    ...d,
    provenance,
    selfConsumptionPct: core.selfConsumptionPct,
    selfSufficiencyPct: core.selfSufficiencyPct,
  };
}

/**
 * (Re)computes and stores the accounts of some ended local days of one system, then runs `after` on their
 * ledgers. Returns rows written.
 */
export async function writeDailyAccounts(
  system: AccountsSystem,
  days: string[],
  nowMs = Date.now(),
  after?: AfterAccounts,
): Promise<number> {
  const ended = days.filter((d) => dayBounds(d, system.displayTimezone).endMs <= nowMs);
  if (!ended.length) return 0;
  const { days: computed, capabilities, reached, runs } = await computeDays(system, ended, nowMs);
  let rows = await storeDays(system.id, computed, capabilities!, nowMs);
  if (after) await after(system, runs, nowMs);
  if (reached.length) {
    const earlier = await computeDays(system, reached, nowMs);
    rows += await storeDays(system.id, earlier.days, earlier.capabilities!, nowMs);
    if (after) await after(system, earlier.runs, nowMs);
  }
  return rows;
}

/** Stores computed ended days (a day without data is stored too: reads then need not compute it again). */
export async function storeDays(
  systemId: number,
  days: ComputedDay[],
  capabilities: Capabilities,
  nowMs: number,
): Promise<number> {
  return writeDays(
    systemId,
    days.filter((d) => d.ended).map((d) => rowOf(d, capabilities)),
    nowMs,
  );
}

/** The source systems a composite's mapping names. */
export async function compositeSourceIds(compositeId: number): Promise<number[]> {
  const [c] = await listPipelineSystems([compositeId]);
  if (!c) return [];
  const { parseCompositeMetadata, sourceIdsOf } = await import("@/lib/composite/metadata");
  return sourceIdsOf(parseCompositeMetadata(c.metadata));
}

/**
 * Older days with daily aggregates but no accounts (at most `limit`), looked for only when the system's accounts
 * start after its aggregates (key seeks): a database from before accounts existed. Holes in between are filled
 * on read.
 */
async function olderDays(systemId: number, limit: number): Promise<string[]> {
  const first = await firstData(systemId);
  if (first.dailyDay === null || (first.accountsDay !== null && first.accountsDay <= first.dailyDay)) return [];
  return daysWithoutAccounts(systemId, limit);
}

/**
 * The daily job's accounts step: for each (system, days) the daily aggregation just wrote, the same days' accounts;
 * then composites whose members changed, for those days; then, per system, up to `backfill` older days that have
 * daily aggregates but no accounts yet (a database from before accounts existed catches up a little each run).
 * `after` runs on each system's stored days with their ledgers (the costs).
 */
export async function accountsAfterDaily(
  written: Array<{ systemId: number; days: string[] }>,
  nowMs = Date.now(),
  backfill = 60,
  after?: AfterAccounts,
): Promise<number> {
  let rows = 0;
  const systems = new Map((await listPipelineSystems(written.map((w) => w.systemId))).map((s) => [s.id, s]));
  const touched: Array<{ startMs: number; endMs: number; systemId: number }> = [];
  for (const { systemId, days } of written) {
    const system = systems.get(systemId);
    if (!system) continue;
    const older = backfill > 0 && system.vendorType !== COMPOSITE_VENDOR ? await olderDays(systemId, backfill) : [];
    const all = [...new Set([...days, ...older])];
    rows += await writeDailyAccounts(system, all, nowMs, after);
    for (const d of days) touched.push({ systemId, ...dayBounds(d, system.displayTimezone) });
  }
  if (!touched.length) return rows;
  const { parseCompositeMetadata, sourceIdsOf } = await import("@/lib/composite/metadata");
  const using = (await listCompositeMetadata(COMPOSITE_VENDOR)).map((c) => ({
    id: c.id,
    sources: new Set(sourceIdsOf(parseCompositeMetadata(c.metadata))),
  }));
  const composites = new Map<number, Set<string>>();
  for (const t of touched) {
    for (const c of using.filter((x) => x.sources.has(t.systemId)).map((x) => x.id)) {
      if (!composites.has(c)) composites.set(c, new Set());
      composites.get(c)!.add(`${t.startMs}:${t.endMs}`);
    }
  }
  const done = new Set(written.map((w) => w.systemId));
  for (const [id, spans] of composites) {
    if (done.has(id)) continue;
    const [c] = await listPipelineSystems([id]);
    if (!c || c.status === "removed") continue;
    const days = new Set<string>();
    for (const span of spans) {
      const [s, e] = span.split(":").map(Number);
      for (let t = s; t < e; t += 6 * 3_600_000) days.add(localDayOf(t, c.displayTimezone));
      days.add(localDayOf(e - 1, c.displayTimezone));
    }
    rows += await writeDailyAccounts(c, [...days], nowMs, after);
  }
  return rows;
}

/** Every composite's accounts for some days (regenerate of all systems). */
export async function regenerateCompositeAccounts(days: string[], nowMs = Date.now()): Promise<number> {
  let rows = 0;
  const ids = (await listCompositeMetadata(COMPOSITE_VENDOR)).map((c) => c.id);
  for (const c of await listPipelineSystems(ids)) rows += await writeDailyAccounts(c, days, nowMs);
  return rows;
}

/** The afterDaily step of regenerate: exactly the days given (no backfill of older days). */
export const regenerateAccounts = (written: Array<{ systemId: number; days: string[] }>, nowMs: number) =>
  accountsAfterDaily(written, nowMs, 0);

/** Deletes stored accounts of one system (or all) in an optional day range (with the daily rows' clear). */
export async function clearDailyAccounts(systemId: number | null, fromDay?: string, toDay?: string): Promise<number> {
  return clearDays(systemId, fromDay, toDay);
}
