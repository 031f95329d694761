import "server-only";
import { endedBy } from "@/lib/aggregation/close-intervals";
import { loadOpenTail } from "@/lib/aggregation/open-tail";
import { listPoints } from "@/lib/db/queries/points";
import { planAccounts, type AccountsPlan, type Channel } from "./capabilities";
import { INTERVAL_MS, seriesOf, type Before, type Grid, type PointSeries } from "./channels";
import { buildLedger, type Ledger } from "./ledger";
import { counterBounds, loadLedgerValues } from "./store";

/** How far beyond a window a counter's gap is followed to spread its energy by power (farther: evenly). */
const GAP_REACH_MS = 35 * 86_400_000;

/** A ledger and where the asked window lies in it: intervals lo..hi−1. */
export interface LedgerWindow {
  ledger: Ledger;
  lo: number;
  hi: number;
}

/**
 * The 5-minute values of a window on its grid as readers see them: the stored rows, then the ended intervals not
 * stored yet, reduced on read (lib/aggregation/open-tail.ts), replacing a stored row with the same end.
 */
async function windowSeries(systemId: number, plan: AccountsPlan, grid: Grid): Promise<Map<number, PointSeries>> {
  const afterMs = grid.firstEndMs - INTERVAL_MS;
  const untilMs = afterMs + grid.count * INTERVAL_MS;
  const channels = [...Object.values(plan.flows).flatMap((f) => f.channels), ...plan.loads.map((l) => l.channel)];
  const ids = (pick: (c: Channel) => number | null) => [
    ...new Set(channels.map(pick).filter((x): x is number => x !== null)),
  ];
  const [stored, tail] = await Promise.all([
    loadLedgerValues(
      systemId,
      ids((c) => c.powerId),
      ids((c) => c.energyId),
      afterMs,
      untilMs,
    ),
    loadOpenTail(systemId, plan.pointIds, afterMs, untilMs),
  ]);
  const out = new Map<number, PointSeries>();
  const make = () => new Float64Array(grid.count).fill(NaN);
  const seriesFor = (id: number) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = { delta: make(), avg: make(), last: make(), samples: make() }));
    return s;
  };
  const num = (v: number | null) => (v === null ? NaN : v);
  for (const [id, v] of stored) {
    const s = seriesFor(id);
    v.index.forEach((at, k) => {
      const i = at - 1;
      if (v.avg) s.avg[i] = num(v.avg[k]);
      if (v.delta) s.delta[i] = num(v.delta[k]);
      if (v.last) s.last[i] = num(v.last[k]);
      if (v.samples) s.samples[i] = v.samples[k];
    });
  }
  for (const [id, t] of seriesOf(tail, grid)) {
    const s = seriesFor(id);
    for (let i = 0; i < grid.count; i++) {
      if (Number.isNaN(t.samples[i])) continue;
      s.delta[i] = t.delta[i];
      s.avg[i] = t.avg[i];
      s.last[i] = t.last[i];
      s.samples[i] = t.samples[i];
    }
  }
  return out;
}

/** A plan of a system's current points. */
export async function systemPlan(systemId: number): Promise<AccountsPlan> {
  return planAccounts(await listPoints([systemId]));
}

/**
 * A plain system's ledger for intervals ending in (fromMs, toMs] (capped at the last ended interval). Where a
 * counter's gap crosses either edge the window is widened to the gap (up to GAP_REACH_MS), so the energy the
 * counter reveals after it is spread over the whole gap and each side keeps its share.
 */
export async function systemLedger(
  systemId: number,
  fromMs: number,
  toMs: number,
  nowMs: number,
  plan?: AccountsPlan,
): Promise<LedgerWindow> {
  const p = plan ?? (await systemPlan(systemId));
  const until = Math.max(fromMs, Math.min(toMs, endedBy(nowMs)));
  const counters = [
    ...new Set(
      [...Object.values(p.flows).flatMap((f) => f.channels), ...p.loads.map((l) => l.channel)]
        .filter((c) => c.counter && c.energyId !== null)
        .map((c) => c.energyId!),
    ),
  ];
  const bounds = await counterBounds(systemId, counters, fromMs, until);
  let loadFrom = fromMs;
  let loadTo = until;
  for (const b of bounds.values()) {
    if (b.before && b.before.endMs < fromMs && b.before.endMs >= fromMs - GAP_REACH_MS) {
      loadFrom = Math.min(loadFrom, b.before.endMs);
    }
    if (b.nextEndMs !== null && b.nextEndMs > until + INTERVAL_MS) {
      loadTo = Math.max(loadTo, Math.min(b.nextEndMs, until + GAP_REACH_MS, endedBy(nowMs)));
    }
  }
  const before = new Map<number, Before>();
  for (const [id, b] of bounds) if (b.before && b.before.endMs <= loadFrom) before.set(id, b.before);
  const grid = { firstEndMs: loadFrom + INTERVAL_MS, count: Math.max(0, (loadTo - loadFrom) / INTERVAL_MS) };
  const ledger = buildLedger(p, grid, await windowSeries(systemId, p, grid), before);
  const lo = (fromMs - loadFrom) / INTERVAL_MS;
  return { ledger, lo, hi: lo + (until - fromMs) / INTERVAL_MS };
}

/** The part lo..hi−1 of a ledger as a ledger of its own (composites add their members' windows). */
export function sliceLedger(w: LedgerWindow): Ledger {
  const { ledger: l, lo, hi } = w;
  const s = <T extends Float64Array | Uint8Array>(a: T) => a.slice(lo, hi) as T;
  return {
    ...l,
    grid: { firstEndMs: l.grid.firstEndMs + lo * INTERVAL_MS, count: hi - lo },
    flows: Object.fromEntries(
      Object.entries(l.flows).map(([f, x]) => [f, { wh: s(x.wh), prov: s(x.prov) }]),
    ) as Ledger["flows"],
    attribution: Object.fromEntries(Object.entries(l.attribution).map(([k, x]) => [k, s(x)])) as Ledger["attribution"],
    loads: l.loads.map((x) => ({ ...x, series: { wh: s(x.series.wh), prov: s(x.series.prov) } })),
    hasData: s(l.hasData),
  };
}
