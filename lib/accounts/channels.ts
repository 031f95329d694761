import type { Channel } from "./capabilities";

export const INTERVAL_MS = 300_000;
const HOURS = INTERVAL_MS / 3_600_000;

/** Provenance codes (index into PROVENANCES): a larger code is less direct, so a span takes the largest. */
export const P = { measured: 0, integrated: 1, derived: 2, interpolated: 3, unknown: 4 } as const;

/** One point's 5-minute values on a grid of interval ends; NaN where the point has no row (or a null value). */
export interface PointSeries {
  delta: Float64Array;
  avg: Float64Array;
  last: Float64Array;
  samples: Float64Array;
}

/** 5-minute interval ends firstEndMs, firstEndMs + 5 min, … (count of them). */
export interface Grid {
  firstEndMs: number;
  count: number;
}

/** Energy per interval (NaN unknown) and its provenance code. */
export interface Series {
  wh: Float64Array;
  prov: Uint8Array;
}

/** What lies before the grid for a counter: its newest row end and `last` value (null: none ever). */
export interface Before {
  endMs: number;
  last: number | null;
}

export function emptySeries(n: number): Series {
  return { wh: new Float64Array(n).fill(NaN), prov: new Uint8Array(n).fill(P.unknown) };
}

/** Rows → per-point arrays on the grid (rows outside it are ignored). */
export function seriesOf(
  rows: Array<{
    pointId: number;
    intervalEndMs: number;
    avg: number | null;
    last: number | null;
    delta: number | null;
    sampleCount: number;
  }>,
  grid: Grid,
): Map<number, PointSeries> {
  const out = new Map<number, PointSeries>();
  const make = () => new Float64Array(grid.count).fill(NaN);
  for (const r of rows) {
    const i = (r.intervalEndMs - grid.firstEndMs) / INTERVAL_MS;
    if (i < 0 || i >= grid.count || !Number.isInteger(i)) continue;
    let s = out.get(r.pointId);
    if (!s) out.set(r.pointId, (s = { delta: make(), avg: make(), last: make(), samples: make() }));
    s.delta[i] = r.delta ?? NaN;
    s.avg[i] = r.avg ?? NaN;
    s.last[i] = r.last ?? NaN;
    s.samples[i] = r.sampleCount;
  }
  return out;
}

/** This direction's power in W (the positive part of sign × average), NaN when unknown. */
function directedPower(power: PointSeries | undefined, sign: 1 | -1, i: number): number {
  const v = power ? power.avg[i] : NaN;
  return Number.isNaN(v) ? NaN : Math.max(0, sign * v);
}

/**
 * Spreads `wh` over intervals lo..hi (inclusive, clipped to the grid) in proportion to this direction's stored
 * power where there is any (intervals without power get the mean of those with), otherwise evenly.
 */
function spread(
  out: Series,
  wh: number,
  lo: number,
  hi: number,
  power: PointSeries | undefined,
  sign: 1 | -1,
  prov: number,
) {
  const n = hi - lo + 1;
  const w = new Float64Array(n);
  let known = 0;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const idx = lo + k;
    w[k] = idx >= 0 ? directedPower(power, sign, idx) : NaN;
    if (!Number.isNaN(w[k])) {
      known++;
      sum += w[k];
    }
  }
  const fill = known ? sum / known : 0;
  let total = 0;
  for (let k = 0; k < n; k++) total += Number.isNaN(w[k]) ? fill : w[k];
  for (let k = Math.max(0, -lo); k < n; k++) {
    const idx = lo + k;
    if (idx >= out.wh.length) break;
    const share = total > 0 ? (Number.isNaN(w[k]) ? fill : w[k]) / total : 1 / n;
    out.wh[idx] = (Number.isNaN(out.wh[idx]) ? 0 : out.wh[idx]) + wh * share;
    out.prov[idx] = out.prov[idx] === P.unknown ? prov : Math.max(out.prov[idx], prov);
  }
}

/** The most common spacing (in intervals) between a vendor-interval point's rows, at most 6 (30 minutes). */
function nativeStep(delta: Float64Array): number {
  const counts = new Map<number, number>();
  let prev = -1;
  for (let i = 0; i < delta.length; i++) {
    if (Number.isNaN(delta[i])) continue;
    if (prev >= 0) counts.set(i - prev, (counts.get(i - prev) ?? 0) + 1);
    prev = i;
  }
  let best = 1;
  let bestCount = 0;
  for (const [step, c] of counts) if (c > bestCount || (c === bestCount && step < best)) [best, bestCount] = [step, c];
  return Math.min(best, 6);
}

/**
 * Energy of one channel per interval. A counter's delta covers the time since its previous row: after a gap it is
 * spread over the gap (interpolated) so no interval spikes and the total stays exact; a step backwards (a reset,
 * which the 5-minute delta counts as 0) is recovered from power over one reading's spacing (integrated). Vendor
 * interval energy coarser than 5 minutes (quarter-hours) is spread over its own step (still measured). Intervals
 * the energy point leaves empty are integrated from power; what is left is unknown.
 */
export function channelSeries(ch: Channel, grid: Grid, points: Map<number, PointSeries>, before?: Before): Series {
  const out = emptySeries(grid.count);
  const power = ch.powerId !== null ? points.get(ch.powerId) : undefined;
  const energy = ch.energyId !== null ? points.get(ch.energyId) : undefined;
  if (energy) {
    // Rows at the point's own cadence (quarter-hour energies, a counter read every 15 minutes) are not gaps.
    const step = nativeStep(energy.delta);
    let prevIdx = ch.counter && before ? Math.round((before.endMs - grid.firstEndMs) / INTERVAL_MS) : null;
    let prevLast = ch.counter && before ? before.last : null;
    for (let i = 0; i < grid.count; i++) {
      const d = energy.delta[i];
      if (Number.isNaN(d)) continue;
      let wh = d;
      let prov: number = P.measured;
      if (ch.counter && prevLast !== null && energy.last[i] < prevLast) {
        // A reset inside this interval: the step across it is lost from the delta; power over one spacing refills it.
        const p = directedPower(power, ch.sign, i);
        if (!Number.isNaN(p)) {
          wh += (p * HOURS) / Math.max(1, energy.samples[i]);
          prov = P.integrated;
        }
      }
      const gap = prevIdx === null ? 0 : i - prevIdx - 1;
      if (gap > 0 && ch.counter) {
        spread(out, wh, prevIdx! + 1, i, power, ch.sign, gap < step ? prov : Math.max(prov, P.interpolated));
      } else if (gap > 0 && step > 1) spread(out, wh, i - Math.min(gap, step - 1), i, power, ch.sign, prov);
      else spread(out, wh, i, i, power, ch.sign, prov);
      prevIdx = i;
      if (!Number.isNaN(energy.last[i])) prevLast = energy.last[i];
    }
  }
  for (let i = 0; i < grid.count; i++) {
    if (!Number.isNaN(out.wh[i])) continue;
    const p = directedPower(power, ch.sign, i);
    if (Number.isNaN(p)) continue;
    out.wh[i] = p * HOURS;
    out.prov[i] = P.integrated;
  }
  return out;
}

/** Channels summed per interval: unknown where any channel is, else the least direct provenance. */
export function sumChannels(parts: Series[], n: number): Series {
  const out = emptySeries(n);
  if (!parts.length) return out;
  for (let i = 0; i < n; i++) {
    let wh = 0;
    let prov = 0;
    let known = true;
    for (const s of parts) {
      if (Number.isNaN(s.wh[i])) {
        known = false;
        break;
      }
      wh += s.wh[i];
      prov = Math.max(prov, s.prov[i]);
    }
    if (known) {
      out.wh[i] = wh;
      out.prov[i] = prov;
    }
  }
  return out;
}
