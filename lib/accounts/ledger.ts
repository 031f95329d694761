import { capabilitiesOf, type AccountsPlan } from "./capabilities";
import {
  channelSeries,
  emptySeries,
  P,
  sumChannels,
  type Before,
  type Grid,
  type PointSeries,
  type Series,
} from "./channels";
import { ACCOUNT_FLOWS, ATTRIBUTION_LINKS, type AccountFlow, type AttributionLink, type Capabilities } from "./types";

/** A system's (or a composite's) accounts per 5-minute interval on a grid, as arrays (NaN: unknown). */
export interface Ledger {
  grid: Grid;
  flows: Record<AccountFlow, Series>;
  attribution: Record<AttributionLink, Float64Array>;
  loads: Array<{ key: string; name: string; series: Series }>;
  /** 1 where any flow or load was known from the system's own data (before the balance). */
  hasData: Uint8Array;
  capabilities: Capabilities;
  batteryAbsent: boolean;
  /** Per flow: why it is unknown or how it is derived (overrides the capability's reason; composites). */
  reasons: Partial<Record<AccountFlow, string>>;
}

const INFLOWS: AccountFlow[] = ["solar", "gridImport", "batteryDischarge"];

/**
 * Fills the flows the balance gives in each interval: exactly one unknown flow, or one unknown net pair (grid
 * import/export, or battery charge/discharge, split by the sign of the net), when every other flow is known.
 * An absent battery counts 0. A single derived flow carries what it would go below 0 into the next intervals.
 */
export function deriveFromBalance(l: Ledger): void {
  const n = l.grid.count;
  const v = {} as Record<AccountFlow, number>;
  // A derived flow that would be negative (meters read a moment apart) is 0 in that interval and the shortfall is
  // taken from the next intervals it is derived in, so no interval goes below 0 and the sum still balances.
  const carry = Object.fromEntries(ACCOUNT_FLOWS.map((f) => [f, 0])) as Record<AccountFlow, number>;
  for (let i = 0; i < n; i++) {
    const unknown: AccountFlow[] = [];
    for (const f of ACCOUNT_FLOWS) {
      const absent = l.batteryAbsent && (f === "batteryCharge" || f === "batteryDischarge");
      v[f] = absent ? 0 : l.flows[f].wh[i];
      if (Number.isNaN(v[f])) unknown.push(f);
    }
    if (!unknown.length || unknown.length > 2) continue;
    const set = (f: AccountFlow, wh: number) => {
      l.flows[f].wh[i] = Math.max(0, wh);
      l.flows[f].prov[i] = P.derived;
    };
    const inSum = INFLOWS.reduce((a, f) => a + (Number.isNaN(v[f]) ? 0 : v[f]), 0);
    const outSum = ACCOUNT_FLOWS.filter((f) => !INFLOWS.includes(f)).reduce(
      (a, f) => a + (Number.isNaN(v[f]) ? 0 : v[f]),
      0,
    );
    if (unknown.length === 1) {
      const f = unknown[0];
      const wh = (INFLOWS.includes(f) ? outSum - inSum : inSum - outSum) + carry[f];
      carry[f] = Math.min(0, wh);
      set(f, wh);
    } else if (unknown.includes("gridImport") && unknown.includes("gridExport")) {
      const net = outSum - inSum; // needed from the grid
      set("gridImport", Math.max(0, net));
      set("gridExport", Math.max(0, -net));
    } else if (unknown.includes("batteryCharge") && unknown.includes("batteryDischarge")) {
      const net = outSum - inSum; // needed from the battery
      set("batteryDischarge", Math.max(0, net));
      set("batteryCharge", Math.max(0, -net));
    }
  }
}

/**
 * Attribution per interval (exports from solar first, then the battery; charging from solar left after exports,
 * then the grid; the rest of each source to the home). Unknown (NaN) in an interval where solar, grid or a present
 * battery is unknown. Meters read a moment apart rarely balance within one interval, so a span's summed links are
 * reconciled to the span's own flow totals afterwards (`reconcileAttribution` in totals.ts).
 */
export function attribute(l: Ledger): void {
  const n = l.grid.count;
  const a = l.attribution;
  const zero = l.batteryAbsent;
  for (let i = 0; i < n; i++) {
    const solar = l.flows.solar.wh[i];
    const imp = l.flows.gridImport.wh[i];
    const exp = l.flows.gridExport.wh[i];
    const chg = zero ? 0 : l.flows.batteryCharge.wh[i];
    const dis = zero ? 0 : l.flows.batteryDischarge.wh[i];
    if ([solar, imp, exp, chg, dis].some(Number.isNaN)) {
      for (const k of ATTRIBUTION_LINKS) a[k][i] = NaN;
      continue;
    }
    const s2g = Math.min(exp, solar);
    const b2g = Math.min(exp - s2g, dis);
    const s2b = Math.min(chg, solar - s2g);
    const g2b = Math.min(chg - s2b, imp);
    a.solarToGrid[i] = s2g;
    a.batteryToGrid[i] = b2g;
    a.solarToBattery[i] = s2b;
    a.gridToBattery[i] = g2b;
    a.solarToHome[i] = solar - s2g - s2b;
    a.gridToHome[i] = imp - g2b;
    a.batteryToHome[i] = dis - b2g;
  }
}

export function emptyLedger(grid: Grid, capabilities: Capabilities, batteryAbsent: boolean): Ledger {
  const flows = Object.fromEntries(ACCOUNT_FLOWS.map((f) => [f, emptySeries(grid.count)])) as Ledger["flows"];
  const attribution = Object.fromEntries(
    ATTRIBUTION_LINKS.map((k) => [k, new Float64Array(grid.count).fill(NaN)]),
  ) as Ledger["attribution"];
  return {
    grid,
    flows,
    attribution,
    loads: [],
    hasData: new Uint8Array(grid.count),
    capabilities,
    batteryAbsent,
    reasons: {},
  };
}

/** Marks intervals where any flow or load is known. */
export function markData(l: Ledger): void {
  const all = [...ACCOUNT_FLOWS.map((f) => l.flows[f]), ...l.loads.map((x) => x.series)];
  for (let i = 0; i < l.grid.count; i++) l.hasData[i] = all.some((s) => !Number.isNaN(s.wh[i])) ? 1 : 0;
}

const HOURS_PER_INTERVAL = 5 / 60;

/**
 * One meter measured in one direction (a counter) and known in the other only from its power: power averages net
 * the two directions within an interval, so the integrated side disagrees with the counter whenever the flow turns
 * around inside an interval. The power-only side is then taken as what keeps the meter's net equal to its average
 * power × time (`positive − negative = sign × avg × 5 min`), marked derived, so the pair balances as the meter does.
 */
function reconcilePair(
  l: Ledger,
  plan: AccountsPlan,
  points: Map<number, PointSeries>,
  positive: AccountFlow,
  negative: AccountFlow,
): void {
  const [pos] = plan.flows[positive].channels;
  const [neg] = plan.flows[negative].channels;
  if (plan.flows[positive].channels.length !== 1 || plan.flows[negative].channels.length !== 1) return;
  if (pos.powerId === null || pos.powerId !== neg.powerId) return;
  const power = points.get(pos.powerId);
  if (!power) return;
  const Pp = l.flows[positive];
  const N_ = l.flows[negative];
  for (let i = 0; i < l.grid.count; i++) {
    const avg = power.avg[i];
    if (Number.isNaN(avg)) continue;
    const net = pos.sign * avg * HOURS_PER_INTERVAL; // positive − negative, Wh
    const posMeasured = Pp.prov[i] === P.measured || Pp.prov[i] === P.interpolated;
    const negMeasured = N_.prov[i] === P.measured || N_.prov[i] === P.interpolated;
    if (posMeasured && N_.prov[i] === P.integrated) {
      N_.wh[i] = Math.max(0, Pp.wh[i] - net);
      N_.prov[i] = P.derived;
    } else if (negMeasured && Pp.prov[i] === P.integrated) {
      Pp.wh[i] = Math.max(0, N_.wh[i] + net);
      Pp.prov[i] = P.derived;
    }
  }
}

/**
 * A plain system's ledger from its points' 5-minute rows on the grid: each flow from its channels, then the
 * balance, then the attribution. `before` gives, per counter point, its newest row before the grid.
 */
export function buildLedger(
  plan: AccountsPlan,
  grid: Grid,
  points: Map<number, PointSeries>,
  before: Map<number, Before> = new Map(),
): Ledger {
  const l = emptyLedger(grid, capabilitiesOf(plan), plan.batteryAbsent);
  const seriesOf = (ch: AccountsPlan["loads"][number]["channel"]) =>
    channelSeries(ch, grid, points, ch.energyId !== null ? before.get(ch.energyId) : undefined);
  for (const f of ACCOUNT_FLOWS) {
    const chans = plan.flows[f].channels;
    if (chans.length) l.flows[f] = sumChannels(chans.map(seriesOf), grid.count);
  }
  l.loads = plan.loads.map((x) => ({ key: x.key, name: x.name, series: seriesOf(x.channel) }));
  reconcilePair(l, plan, points, "gridImport", "gridExport");
  reconcilePair(l, plan, points, "batteryDischarge", "batteryCharge");
  markData(l);
  deriveFromBalance(l);
  attribute(l);
  return l;
}
