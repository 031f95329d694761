import type { HistoryResponse, HistorySeries } from "@/lib/api/contracts";

/** The chart's series keys and the point paths they come from. */
export const POWER_SERIES = {
  solar: "source.solar/power",
  load: "load/power",
  battery: "bidi.battery/power",
  grid: "bidi.grid/power",
  soc: "bidi.battery/soc",
} as const;

export type PowerSeriesKey = keyof typeof POWER_SERIES;

/** One 5-minute row: time is the interval end (ms UTC); a missing or null value draws as a gap. */
export type PowerChartRow = { t: number } & Partial<Record<PowerSeriesKey, number | null>>;

export interface PowerChartData {
  rows: PowerChartRow[];
  /** Keys that have at least one non-null value in the window. */
  present: PowerSeriesKey[];
}

export const STEP_MS = 5 * 60_000;
const KEYS = Object.keys(POWER_SERIES) as PowerSeriesKey[];
const SOLAR_PART = /^source\.solar\.[^/]+\/power$/;

/** Sums series point-wise (e.g. solar parts when no total exists); a time is null unless every part has it. */
function sumSeries(parts: HistorySeries[]): Map<number, number | null> {
  const out = new Map<number, number | null>();
  parts.forEach((s, i) => {
    const seen = new Set<number>();
    for (const [t, value] of s.data) {
      seen.add(t);
      const prev = out.get(t);
      if (i === 0) out.set(t, value);
      else out.set(t, prev === undefined || prev === null || value === null ? null : prev + value);
    }
    if (i > 0) for (const t of out.keys()) if (!seen.has(t)) out.set(t, null);
  });
  return out;
}

function seriesFor(key: PowerSeriesKey, series: HistorySeries[]): Map<number, number | null> | undefined {
  const exact = series.find((s) => s.path === POWER_SERIES[key]);
  if (exact) return new Map(exact.data);
  if (key !== "solar") return undefined;
  const parts = series.filter((s) => s.path !== null && SOLAR_PART.test(s.path));
  return parts.length ? sumSeries(parts) : undefined;
}

/**
 * Merges history series into chart rows for the window (startMs, endMs] (an interval ending at startMs belongs to
 * the previous day), inserting a null row where 5-minute steps are missing so lines break instead of bridging gaps.
 */
export function buildPowerChartData(history: HistoryResponse, startMs: number, endMs: number): PowerChartData {
  const byTime = new Map<number, PowerChartRow>();
  const present = new Set<PowerSeriesKey>();
  for (const key of KEYS) {
    const values = seriesFor(key, history.series);
    if (!values) continue;
    for (const [t, value] of values) {
      if (t <= startMs || t > endMs) continue;
      const row = byTime.get(t) ?? { t };
      row[key] = value === null || !Number.isFinite(value) ? null : value;
      byTime.set(t, row);
      if (row[key] !== null) present.add(key);
    }
  }
  const sorted = [...byTime.values()].sort((a, b) => a.t - b.t);
  const rows: PowerChartRow[] = [];
  for (const row of sorted) {
    const prev = rows[rows.length - 1];
    if (prev && row.t - prev.t > STEP_MS) rows.push({ t: prev.t + STEP_MS });
    rows.push(row);
  }
  return { rows, present: KEYS.filter((k) => present.has(k)) };
}
