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
  type Unaccounted,
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

/** A span's links fitted to its flow totals, with what the meters do not balance. */
export interface Reconciled {
  links: Record<AttributionLink, number>;
  unaccounted?: Unaccounted;
}

const SOURCES = ["solar", "gridImport", "batteryDischarge"] as const;
const DESTINATIONS = ["load", "batteryCharge", "gridExport"] as const;
/** Which source → destination cells can carry energy (the grid does not export to itself, nor the battery). */
const ALLOWED = [
  [true, true, true, true],
  [true, true, false, true],
  [true, false, true, true],
  [true, true, true, false],
];

/**
 * A span's summed links reconciled to its own flow totals, the ones the table shows. Each interval is attributed on
 * its own, but meters read a moment apart (a quarter-hour energy spread over three intervals next to 5-minute
 * battery power) rarely balance within one interval, and a flow may be known in intervals where another is not, so
 * summed links drift from the totals (the home got every surplus, exports and charging every shortfall). When every
 * flow is known somewhere in the span, the source → destination table is fitted (iterative proportional fitting) so
 * each source splits exactly into its total and each destination receives its total; what in and out differ by is
 * a fourth destination (more in) or source (more out), "not accounted for", split in proportion. Links that were 0
 * stay 0 unless a whole source or destination had none (then it is split like the others). Otherwise the sums are
 * returned as they are.
 */
export function reconcileAttribution(t: Totals): Reconciled {
  const a = { ...t.attribution };
  const f = t.flows;
  const seen = (k: AccountFlow) => f[k].known > 0;
  const batteryLinks = a.solarToBattery + a.gridToBattery + a.batteryToHome + a.batteryToGrid;
  const battery = seen("batteryCharge") && seen("batteryDischarge");
  const noBattery = !seen("batteryCharge") && !seen("batteryDischarge") && batteryLinks === 0;
  if (!t.attributed || !["solar", "gridImport", "gridExport", "load"].every((k) => seen(k as AccountFlow))) {
    return { links: a };
  }
  if (!battery && !noBattery) return { links: a };
  const rows = SOURCES.map((k) => (k === "batteryDischarge" && !battery ? 0 : Math.max(0, f[k].wh)));
  const cols = DESTINATIONS.map((k) => (k === "batteryCharge" && !battery ? 0 : Math.max(0, f[k].wh)));
  if (rows[0] + rows[1] + rows[2] <= 0 || cols[0] + cols[1] + cols[2] <= 0) return { links: a };
  // Energy no link can carry goes through the "not accounted for" node: charging beyond what solar and the grid
  // gave came from the battery's own discharge (both within one interval), exports beyond solar and the battery
  // from the grid's own import, and the same seen from the other side.
  const from = [0, 0, 0];
  const to = [0, 0, 0];
  const route = (r: number, c: number, wh: number) => {
    if (!(wh > 0)) return;
    rows[r] -= wh;
    cols[c] -= wh;
    from[r] += wh;
    to[c] += wh;
  };
  route(2, 1, Math.min(rows[2], cols[1] - rows[0] - rows[1]));
  route(1, 2, Math.min(rows[1], cols[2] - rows[0] - rows[2]));
  route(1, 2, Math.min(cols[2], rows[1] - cols[0] - cols[1]));
  route(2, 1, Math.min(cols[1], rows[2] - cols[0] - cols[2]));
  const inWh = rows[0] + rows[1] + rows[2];
  const outWh = cols[0] + cols[1] + cols[2];
  // The fourth row and column hold what in and out differ by: one of them is 0.
  rows.push(Math.max(0, outWh - inWh));
  cols.push(Math.max(0, inWh - outWh));
  // [source][destination]: solar, grid, battery, unaccounted → home, battery, grid, unaccounted.
  const m = [
    [a.solarToHome, a.solarToBattery, a.solarToGrid, 0],
    [a.gridToHome, a.gridToBattery, 0, 0],
    [a.batteryToHome, 0, a.batteryToGrid, 0],
    [0, 0, 0, 0],
  ].map((r) => r.map((v) => Math.max(0, v)));
  // A source (or destination) with energy but no link of its own starts split like the other side's totals.
  for (let r = 0; r < 3; r++) {
    if (m[r][0] + m[r][1] + m[r][2] > 0 || rows[r] <= 0) continue;
    const w = cols.reduce((s, v, c) => s + (c < 3 && ALLOWED[r][c] ? v : 0), 0);
    for (let c = 0; c < 3; c++) if (ALLOWED[r][c] && w > 0) m[r][c] = (rows[r] * cols[c]) / w;
  }
  for (let c = 0; c < 3; c++) {
    if (m[0][c] + m[1][c] + m[2][c] > 0 || cols[c] <= 0) continue;
    const w = rows.reduce((s, v, r) => s + (r < 3 && ALLOWED[r][c] ? v : 0), 0);
    for (let r = 0; r < 3; r++) if (ALLOWED[r][c] && w > 0) m[r][c] = (cols[c] * rows[r]) / w;
  }
  // The imbalance starts split in proportion to the other side's totals.
  for (let r = 0; r < 3; r++) m[r][3] = inWh > 0 ? (rows[r] * cols[3]) / inWh : 0;
  for (let c = 0; c < 3; c++) m[3][c] = outWh > 0 ? (cols[c] * rows[3]) / outWh : 0;
  for (let round = 0; round < 200; round++) {
    let worst = 0;
    for (let r = 0; r < 4; r++) {
      const sum = m[r][0] + m[r][1] + m[r][2] + m[r][3];
      if (sum > 0) for (let c = 0; c < 4; c++) m[r][c] *= rows[r] / sum;
    }
    for (let c = 0; c < 4; c++) {
      const sum = m[0][c] + m[1][c] + m[2][c] + m[3][c];
      if (sum > 0) for (let r = 0; r < 4; r++) m[r][c] *= cols[c] / sum;
      worst = Math.max(worst, Math.abs(sum - cols[c]));
    }
    if (worst < 1e-6) break;
  }
  const links = {
    solarToHome: m[0][0],
    solarToBattery: m[0][1],
    solarToGrid: m[0][2],
    gridToHome: m[1][0],
    gridToBattery: m[1][1],
    batteryToHome: m[2][0],
    batteryToGrid: m[2][2],
  };
  const unaccounted: Unaccounted = { from: {}, to: {} };
  SOURCES.forEach((k, r) => from[r] + m[r][3] > 0 && (unaccounted.from[k] = from[r] + m[r][3]));
  DESTINATIONS.forEach((k, c) => to[c] + m[3][c] > 0 && (unaccounted.to[k] = to[c] + m[3][c]));
  const any = Object.keys(unaccounted.from).length + Object.keys(unaccounted.to).length > 0;
  return any ? { links, unaccounted } : { links };
}

/** The accounts a UI shows for a span's sums: flows with provenance, attribution, percentages with reasons. */
export function coreOf(t: Totals, reasons: FlowReasons): AccountsCore {
  const flows = Object.fromEntries(ACCOUNT_FLOWS.map((f) => [f, flowValue(t.flows[f], reasons[f])])) as Record<
    AccountFlow,
    FlowValue
  >;
  const known = t.attributed > 0;
  const fitted = known ? reconcileAttribution(t) : { links: t.attribution };
  const reconciled = fitted.links;
  const attribution = Object.fromEntries(
    ATTRIBUTION_LINKS.map((k) => [k, known ? reconciled[k] : null]),
  ) as Attribution;
  const core: AccountsCore = { flows, attribution, selfConsumptionPct: null, selfSufficiencyPct: null, loads: [] };
  if (fitted.unaccounted) core.unaccounted = fitted.unaccounted;
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
