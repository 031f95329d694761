import type { HistoryResponse } from "@/lib/api/contracts";
import { pickSeries, stepMsOf } from "@/lib/energy/series";
import { isoInZone, type CsvCell } from "@/lib/format";

/** The chart's series keys and the point paths they come from. */
export const POWER_SERIES = {
  solar: "source.solar/power",
  load: "load/power",
  battery: "bidi.battery/power",
  grid: "bidi.grid/power",
  soc: "bidi.battery/soc",
} as const;

export type PowerSeriesKey = keyof typeof POWER_SERIES;

/** One 5- or 30-minute row: time is the interval end (ms UTC); a missing or null value draws as a gap. */
export type PowerChartRow = { t: number } & Partial<Record<PowerSeriesKey, number | null>>;

export interface PowerChartData {
  rows: PowerChartRow[];
  /** Interval length of the rows (5 or 30 minutes, from the response's aggregation). */
  stepMs: number;
  /** Keys that have at least one non-null value in the window. */
  present: PowerSeriesKey[];
}

/** The 5-minute step (1D); a 30m response (7D) steps by 30 minutes. */
export const STEP_MS = 5 * 60_000;
const KEYS = Object.keys(POWER_SERIES) as PowerSeriesKey[];

/**
 * Merges history series into chart rows for the window (startMs, endMs] (an interval ending at startMs belongs to
 * the previous day), inserting a null row where steps (5 or 30 minutes, per the response's aggregation) are
 * missing so lines break instead of bridging gaps — unless the points are no further apart than the vendor's
 * normal spacing (`maxDataGapMs`: e.g. every 30 minutes at night), which is data as it comes, not a gap.
 * Solar is `source.solar/power`, else the sum of its parts.
 */
export function buildPowerChartData(
  history: HistoryResponse,
  startMs: number,
  endMs: number,
  maxDataGapMs = 0,
): PowerChartData {
  const stepMs = stepMsOf(history.aggregation);
  const byTime = new Map<number, PowerChartRow>();
  const present = new Set<PowerSeriesKey>();
  for (const key of KEYS) {
    const values = pickSeries(history.series, POWER_SERIES[key]);
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
    if (prev && row.t - prev.t > Math.max(stepMs, maxDataGapMs)) rows.push({ t: prev.t + stepMs });
    rows.push(row);
  }
  return { rows, stepMs, present: KEYS.filter((k) => present.has(k)) };
}

/** Stacked-chart keys: sources above zero, where the power went below zero (as negative numbers). */
export const STACK_KEYS = ["solar", "batteryOut", "gridIn", "load", "batteryIn", "gridOut"] as const;
export type StackKey = (typeof STACK_KEYS)[number];
export type StackedRow = { t: number; soc?: number | null } & Partial<Record<StackKey, number | null>>;

const part = (v: number | null | undefined, sign: 1 | -1, out: 1 | -1): number | null | undefined =>
  v === undefined ? undefined : v === null ? null : out * Math.max(0, sign * v);

/**
 * Mirror layout for stacked areas: solar, battery discharge and grid import stack upwards (supply); the home's
 * load, battery charge and export stack downwards (use). Nulls stay null so gaps stay visible.
 */
export function stackPowerRows(rows: PowerChartRow[]): StackedRow[] {
  return rows.map((r) => {
    const out: StackedRow = {
      t: r.t,
      solar: part(r.solar, 1, 1),
      batteryOut: part(r.battery, 1, 1),
      gridIn: part(r.grid, 1, 1),
      load: part(r.load, 1, -1),
      batteryIn: part(r.battery, -1, -1),
      gridOut: part(r.grid, -1, -1),
      soc: r.soc,
    };
    for (const k of Object.keys(out) as Array<keyof StackedRow>) if (out[k] === undefined) delete out[k];
    return out;
  });
}

/** Which stacked keys a chart draws, from the base series present. */
export function presentStackKeys(present: PowerSeriesKey[]): StackKey[] {
  const keys: StackKey[] = [];
  if (present.includes("solar")) keys.push("solar");
  if (present.includes("battery")) keys.push("batteryOut");
  if (present.includes("grid")) keys.push("gridIn");
  if (present.includes("load")) keys.push("load");
  if (present.includes("battery")) keys.push("batteryIn");
  if (present.includes("grid")) keys.push("gridOut");
  return keys;
}

const CSV_COLUMNS: Record<PowerSeriesKey, string> = {
  solar: "solar (W)",
  load: "load (W)",
  battery: "battery (W, + discharging)",
  grid: "grid (W, + import)",
  soc: "battery state of charge (%)",
};

/** CSV of the chart's series: interval end as ISO time with the zone's offset, then one column per series. */
export function powerCsv(data: PowerChartData, zone: string): { header: string[]; rows: CsvCell[][] } {
  const header = ["interval_end", ...data.present.map((k) => CSV_COLUMNS[k])];
  const rows = data.rows
    .filter((r) => data.present.some((k) => r[k] !== undefined && r[k] !== null))
    .map((r) => [isoInZone(r.t, zone), ...data.present.map((k) => r[k] ?? null)]);
  return { header, rows };
}
