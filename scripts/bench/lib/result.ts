/** One reported figure: our number next to a baseline measured in the same run, the ratio and the goal. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline (or baseline / value when lower is better, so > 1 is always "ours is better"). */
  ratio?: number;
  goal?: string;
  /** null when the goal cannot be judged (e.g. the HTTP part was skipped). */
  met?: boolean | null;
  /** By how much a goal is missed or beaten, in words. */
  margin?: string;
  note?: string;
}

/** What one benchmark reports. */
export interface BenchResult {
  id: string;
  title: string;
  sizes: Record<string, number | string>;
  figures: Figure[];
  /** Where the time goes (profiling spans, bottleneck), in sentences. */
  notes: string[];
  skipped?: string;
  durationMs: number;
}

/** p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Rounds to `digits` significant-ish decimals for the report. */
export function round(n: number, digits = 2): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A goal check where a lower value is better: met, and the margin as a percentage of the limit. */
export function atMost(value: number, limit: number, unit: string): Pick<Figure, "met" | "margin"> {
  const met = value <= limit;
  const pct = Math.abs((value - limit) / limit) * 100;
  return { met, margin: `${met ? "under" : "over"} by ${round(Math.abs(limit - value))} ${unit} (${round(pct, 0)}%)` };
}

/** A goal check where a higher value is better. */
export function atLeast(value: number, limit: number, unit: string): Pick<Figure, "met" | "margin"> {
  const met = value >= limit;
  const pct = Math.abs((value - limit) / limit) * 100;
  return { met, margin: `${met ? "above" : "short"} by ${round(Math.abs(value - limit))} ${unit} (${round(pct, 0)}%)` };
}
