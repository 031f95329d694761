import { P } from "./channels";
import type { Ledger } from "./ledger";
import {
  ACCOUNT_FLOWS,
  ATTRIBUTION_LINKS,
  PROVENANCES,
  type AccountFlow,
  type AccountsCore,
  type Attribution,
  type AttributionLink,
  type Capabilities,
  type Coverage,
  type FlowValue,
  type LoadAccount,
} from "./types";

/** One flow's sums over a span: additive, so months and years are sums of days. */
export interface FlowTotal {
  /** Wh summed over the intervals where the flow is known. */
  wh: number;
  /** Intervals where it is known. */
  known: number;
  /** Wh by provenance code (measured, integrated, derived, interpolated). */
  parts: [number, number, number, number];
  /** Bit per provenance code seen in a known interval (an interpolated night of 0 Wh still counts). */
  mask: number;
}

/** A span's accounts as sums (what energy_daily stores, and what month/year/lifetime add up). */
export interface Totals {
  intervals: number;
  withData: number;
  flows: Record<AccountFlow, FlowTotal>;
  attribution: Record<AttributionLink, number>;
  /** Intervals where the attribution is known. */
  attributed: number;
  loads: Array<{ key: string; name: string; total: FlowTotal }>;
}

const emptyFlow = (): FlowTotal => ({ wh: 0, known: 0, parts: [0, 0, 0, 0], mask: 0 });

export function emptyTotals(): Totals {
  return {
    intervals: 0,
    withData: 0,
    flows: Object.fromEntries(ACCOUNT_FLOWS.map((f) => [f, emptyFlow()])) as Totals["flows"],
    attribution: Object.fromEntries(ATTRIBUTION_LINKS.map((k) => [k, 0])) as Totals["attribution"],
    attributed: 0,
    loads: [],
  };
}

function addSeries(t: FlowTotal, wh: Float64Array, prov: Uint8Array, lo: number, hi: number) {
  for (let i = lo; i < hi; i++) {
    if (Number.isNaN(wh[i])) continue;
    t.wh += wh[i];
    t.known++;
    t.parts[prov[i]] += wh[i];
    t.mask |= 1 << prov[i];
  }
}

/** The sums of a ledger's intervals lo..hi−1. */
export function totalsOf(l: Ledger, lo: number, hi: number): Totals {
  const t = emptyTotals();
  t.intervals = hi - lo;
  for (let i = lo; i < hi; i++) t.withData += l.hasData[i];
  for (const f of ACCOUNT_FLOWS) addSeries(t.flows[f], l.flows[f].wh, l.flows[f].prov, lo, hi);
  const a = l.attribution.solarToHome;
  for (let i = lo; i < hi; i++) {
    if (Number.isNaN(a[i])) continue;
    t.attributed++;
    for (const k of ATTRIBUTION_LINKS) t.attribution[k] += l.attribution[k][i];
  }
  t.loads = l.loads.map((x) => {
    const total = emptyFlow();
    addSeries(total, x.series.wh, x.series.prov, lo, hi);
    return { key: x.key, name: x.name, total };
  });
  return t;
}

function addFlow(a: FlowTotal, b: FlowTotal): void {
  a.wh += b.wh;
  a.known += b.known;
  for (let k = 0; k < 4; k++) a.parts[k] += b.parts[k];
  a.mask |= b.mask;
}

/** Adds b into a (a month from its days). */
export function addTotals(a: Totals, b: Totals): Totals {
  a.intervals += b.intervals;
  a.withData += b.withData;
  for (const f of ACCOUNT_FLOWS) addFlow(a.flows[f], b.flows[f]);
  for (const k of ATTRIBUTION_LINKS) a.attribution[k] += b.attribution[k];
  a.attributed += b.attributed;
  for (const l of b.loads) {
    const mine = a.loads.find((x) => x.key === l.key);
    if (mine) addFlow(mine.total, l.total);
    else a.loads.push({ key: l.key, name: l.name, total: { ...l.total, parts: [...l.total.parts] } });
  }
  return a;
}

/** Reasons per flow for the UI: the override, else the capability's. */
export type FlowReasons = Partial<Record<AccountFlow, string>>;

function flowValue(t: FlowTotal, reason: string | undefined): FlowValue {
  if (!t.known) return { wh: null, provenance: "unknown", reason: reason || "no data for this period" };
  const code = 31 - Math.clz32(t.mask);
  const v: FlowValue = { wh: t.wh, provenance: PROVENANCES[code] };
  if (code === P.derived && reason) v.reason = reason;
  if (t.mask & (t.mask - 1)) {
    v.parts = {};
    t.parts.forEach((wh, k) => {
      if (t.mask & (1 << k)) v.parts![PROVENANCES[k] as Exclude<FlowValue["provenance"], "unknown">] = wh;
    });
  }
  return v;
}

/** The reason shown for a flow: an explicit one (composites), else the capability's. */
export function reasonsOf(capabilities: Capabilities, overrides: FlowReasons = {}): FlowReasons {
  const out: FlowReasons = {};
  for (const f of ACCOUNT_FLOWS) out[f] = overrides[f] ?? capabilities[f].reason;
  return out;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A span's summed links reconciled to its own flow totals. Each interval is attributed on its own, but meters read
 * a moment apart (a quarter-hour energy spread over three intervals next to 5-minute battery power) rarely balance
 * within one interval, so summed links drift from the metered totals (the home got every surplus, exports and
 * charging every shortfall). When every flow is known in exactly the intervals attributed, the 3×3 source →
 * destination table is fitted (iterative proportional fitting) so each source splits exactly into its total and
 * each destination receives its total, scaled by the span's in/out ratio; links that were 0 stay 0. Otherwise the
 * sums are returned as they are.
 */
export function reconcileAttribution(t: Totals): Record<AttributionLink, number> {
  const a = { ...t.attribution };
  const f = t.flows;
  const full = (k: AccountFlow) => f[k].known === t.attributed;
  const batteryLinks = a.solarToBattery + a.gridToBattery + a.batteryToHome + a.batteryToGrid;
  const battery = full("batteryCharge") && full("batteryDischarge");
  const noBattery = f.batteryCharge.known === 0 && f.batteryDischarge.known === 0 && batteryLinks === 0;
  if (!t.attributed || !["solar", "gridImport", "gridExport", "load"].every((k) => full(k as AccountFlow))) return a;
  if (!battery && !noBattery) return a;
  const rows = [f.solar.wh, f.gridImport.wh, battery ? f.batteryDischarge.wh : 0];
  const colsRaw = [f.load.wh, battery ? f.batteryCharge.wh : 0, f.gridExport.wh];
  const inWh = rows[0] + rows[1] + rows[2];
  const outWh = colsRaw[0] + colsRaw[1] + colsRaw[2];
  if (inWh <= 0 || outWh <= 0) return a;
  const cols = colsRaw.map((c) => (c * inWh) / outWh);
  // [source][destination]: solar, grid, battery → home, battery, grid.
  const m = [
    [a.solarToHome, a.solarToBattery, a.solarToGrid],
    [a.gridToHome, a.gridToBattery, 0],
    [a.batteryToHome, 0, a.batteryToGrid],
  ];
  for (let round = 0; round < 100; round++) {
    let worst = 0;
    for (let r = 0; r < 3; r++) {
      const sum = m[r][0] + m[r][1] + m[r][2];
      if (sum > 0) for (let c = 0; c < 3; c++) m[r][c] *= rows[r] / sum;
    }
    for (let c = 0; c < 3; c++) {
      const sum = m[0][c] + m[1][c] + m[2][c];
      if (sum > 0) for (let r = 0; r < 3; r++) m[r][c] *= cols[c] / sum;
      worst = Math.max(worst, Math.abs(sum - cols[c]));
    }
    if (worst < 1e-6) break;
  }
  return {
    solarToHome: m[0][0],
    solarToBattery: m[0][1],
    solarToGrid: m[0][2],
    gridToHome: m[1][0],
    gridToBattery: m[1][1],
    batteryToHome: m[2][0],
    batteryToGrid: m[2][2],
  };
}

/** The accounts a UI shows for a span's sums: flows with provenance, attribution, percentages with reasons. */
export function coreOf(t: Totals, reasons: FlowReasons): AccountsCore {
  const flows = Object.fromEntries(ACCOUNT_FLOWS.map((f) => [f, flowValue(t.flows[f], reasons[f])])) as Record<
    AccountFlow,
    FlowValue
  >;
  const known = t.attributed > 0;
  const reconciled = known ? reconcileAttribution(t) : t.attribution;
  const attribution = Object.fromEntries(
    ATTRIBUTION_LINKS.map((k) => [k, known ? reconciled[k] : null]),
  ) as Attribution;
  const core: AccountsCore = { flows, attribution, selfConsumptionPct: null, selfSufficiencyPct: null, loads: [] };
  if (!known) {
    const missing = (["solar", "gridExport", "gridImport", "batteryCharge"] as const).find(
      (f) => flows[f].provenance === "unknown",
    );
    const why = missing ? flows[missing].reason : "no data for this period";
    core.selfConsumptionReason = why;
    core.selfSufficiencyReason = why;
  } else {
    const a = reconciled;
    const solar = a.solarToHome + a.solarToBattery + a.solarToGrid;
    const home = a.solarToHome + a.gridToHome + a.batteryToHome;
    if (solar > 0) core.selfConsumptionPct = r1((100 * (solar - a.solarToGrid)) / solar);
    else core.selfConsumptionReason = "no solar generated in this period";
    if (home > 0) core.selfSufficiencyPct = r1((100 * (a.solarToHome + a.batteryToHome)) / home);
    else core.selfSufficiencyReason = "no home use in this period";
  }
  core.loads = t.loads.map((l): LoadAccount => ({ key: l.key, name: l.name, flow: flowValue(l.total, undefined) }));
  return core;
}

/** Coverage of a span's sums. */
export function coverageOf(t: Totals): Coverage {
  const share = (k: number) => (t.intervals ? Math.min(1, k / t.intervals) : 0);
  return {
    intervals: t.intervals,
    withData: t.withData,
    flows: Object.fromEntries(ACCOUNT_FLOWS.map((f) => [f, share(t.flows[f].known)])) as Coverage["flows"],
  };
}

/** Ended, with data in every interval, and every flow the system can know known in every interval. */
export function isComplete(t: Totals, capabilities: Capabilities, ended: boolean): boolean {
  if (!ended || !t.intervals || t.withData < t.intervals) return false;
  return ACCOUNT_FLOWS.every(
    (f) => ["none", "absent"].includes(capabilities[f].source) || t.flows[f].known >= t.intervals,
  );
}

/** Values per flow in the packed form: wh, known, four provenance parts, mask. */
const FLOW_WIDTH = 7;
type PackedLoad = [string, string, ...number[]];

const packFlow = (f: FlowTotal) => [f.wh, f.known, ...f.parts, f.mask];
function unpackFlow(a: number[], at: number): FlowTotal {
  return { wh: a[at], known: a[at + 1], parts: [a[at + 2], a[at + 3], a[at + 4], a[at + 5]], mask: a[at + 6] };
}

/**
 * Totals as one flat JSON array (what energy_daily.totals stores; a year's rows parse several times faster than
 * nested objects): intervals, withData, attributed, the seven links, then per flow wh, known, four parts and the
 * mask, then the extra loads when there are any.
 */
export function packTotals(t: Totals): string {
  const flat: Array<number | PackedLoad[]> = [t.intervals, t.withData, t.attributed];
  for (const k of ATTRIBUTION_LINKS) flat.push(t.attribution[k]);
  for (const f of ACCOUNT_FLOWS) flat.push(...packFlow(t.flows[f]));
  if (t.loads.length) flat.push(t.loads.map((l): PackedLoad => [l.key, l.name, ...packFlow(l.total)]));
  return JSON.stringify(flat);
}

/** The inverse of packTotals. */
export function unpackTotals(text: string): Totals {
  const a = JSON.parse(text) as number[];
  const t = emptyTotals();
  t.intervals = a[0];
  t.withData = a[1];
  t.attributed = a[2];
  ATTRIBUTION_LINKS.forEach((k, i) => (t.attribution[k] = a[3 + i]));
  const base = 3 + ATTRIBUTION_LINKS.length;
  ACCOUNT_FLOWS.forEach((f, i) => (t.flows[f] = unpackFlow(a, base + i * FLOW_WIDTH)));
  const loads = (a as unknown[])[base + ACCOUNT_FLOWS.length * FLOW_WIDTH] as PackedLoad[] | undefined;
  t.loads = (loads ?? []).map(([key, name, ...rest]) => ({ key, name, total: unpackFlow(rest as number[], 0) }));
  return t;
}
