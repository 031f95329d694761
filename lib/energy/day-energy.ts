import type { HistoryResponse } from "@/lib/api/contracts";
import { pickSeries, stepMsOf, type SeriesValues } from "./series";
import { emptyTotals, FLOW_ENERGY_PATHS, FLOW_POWER_SOURCE, FLOWS, type EnergyTotals, type Flow } from "./types";

/** One local day of the period. */
export interface DaySpan {
  day: string;
  startMs: number;
  endMs: number;
}

/** Energy per flow for one local day, and how each number was obtained. */
export interface DayEnergy extends DaySpan {
  /** The day is still running (today): its numbers are so far, from 5-minute data (added up by the API). */
  partial: boolean;
  totals: EnergyTotals;
  /** Flows integrated from 5- or 30-minute power averages because no energy counter covered the day. */
  estimated: Flow[];
}

function sumWindow(values: SeriesValues, startMs: number, endMs: number, map: (v: number) => number): number | null {
  let total: number | null = null;
  for (const [t, v] of values) {
    if (t <= startMs || t > endMs || v === null || !Number.isFinite(v)) continue;
    total = (total ?? 0) + map(v);
  }
  return total;
}

/**
 * Per-day energy for the period's days. Each flow comes from, in order: the daily energy delta (day start key),
 * the sum of the 5- or 30-minute energy deltas (`intervals`) whose interval ends inside the day, or (marked
 * estimated) their power averages integrated over the day (positive part of sign × power, times the interval
 * length: 5/60 h or 1/2 h each). Null when none is available.
 */
export function buildDayEnergy(opts: {
  days: DaySpan[];
  today: string;
  daily?: HistoryResponse | null;
  /** A 5m or 30m response (its `aggregation` gives the interval length). */
  intervals?: HistoryResponse | null;
}): DayEnergy[] {
  const stepH = opts.intervals ? stepMsOf(opts.intervals.aggregation) / 3_600_000 : 0;
  const daily = new Map<Flow, SeriesValues | undefined>();
  const intervalEnergy = new Map<Flow, SeriesValues | undefined>();
  const power = new Map<string, SeriesValues | undefined>();
  for (const flow of FLOWS) {
    daily.set(flow, opts.daily ? pickSeries(opts.daily.series, FLOW_ENERGY_PATHS[flow]) : undefined);
    intervalEnergy.set(flow, opts.intervals ? pickSeries(opts.intervals.series, FLOW_ENERGY_PATHS[flow]) : undefined);
    const p = FLOW_POWER_SOURCE[flow].path;
    if (opts.intervals && !power.has(p)) power.set(p, pickSeries(opts.intervals.series, p));
  }

  return opts.days.map((span) => {
    const totals = emptyTotals();
    const estimated: Flow[] = [];
    for (const flow of FLOWS) {
      const d = daily.get(flow)?.get(span.startMs);
      if (typeof d === "number" && Number.isFinite(d)) {
        totals[flow] = d;
        continue;
      }
      const e = intervalEnergy.get(flow);
      const fromDeltas = e ? sumWindow(e, span.startMs, span.endMs, (v) => v) : null;
      if (fromDeltas !== null) {
        totals[flow] = fromDeltas;
        continue;
      }
      const { path, sign } = FLOW_POWER_SOURCE[flow];
      const p = power.get(path);
      const integrated = p ? sumWindow(p, span.startMs, span.endMs, (v) => Math.max(0, sign * v) * stepH) : null;
      if (integrated !== null) {
        totals[flow] = integrated;
        estimated.push(flow);
      }
    }
    return { ...span, partial: span.day === opts.today, totals, estimated };
  });
}

/** Period totals: each flow summed over the days that have it; `incomplete` lists flows missing on some days. */
export function sumDays(days: DayEnergy[]): { totals: EnergyTotals; incomplete: Flow[]; estimated: Flow[] } {
  const totals = emptyTotals();
  const incomplete = new Set<Flow>();
  const estimated = new Set<Flow>();
  for (const flow of FLOWS) {
    const known = days.filter((d) => d.totals[flow] !== null);
    if (known.length) totals[flow] = known.reduce((a, d) => a + (d.totals[flow] as number), 0);
    if (known.length && known.length < days.length) incomplete.add(flow);
    if (days.some((d) => d.estimated.includes(flow))) estimated.add(flow);
  }
  return {
    totals,
    incomplete: FLOWS.filter((f) => incomplete.has(f)),
    estimated: FLOWS.filter((f) => estimated.has(f)),
  };
}
