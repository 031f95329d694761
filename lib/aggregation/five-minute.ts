/**
 * Pure 5-minute reducer. An interval is `(end − 5 min, end]` with `end` on a 5-minute boundary (ms UTC), so a
 * reading exactly on a boundary belongs to the interval it ends.
 */
import type { FiveMinuteStored } from "./daily";

export const INTERVAL_MS = 5 * 60_000;

/** The end of the 5-minute interval that contains `timeMs`. */
export function intervalEndOf(timeMs: number): number {
  return Math.ceil(timeMs / INTERVAL_MS) * INTERVAL_MS;
}

/** Metrics whose raw values are amounts per reading (interval Wh, cents), so an interval's delta is their sum. */
export const ADDITIVE_METRICS: ReadonlySet<string> = new Set(["energy", "cost"]);

/** Raw data_quality codes (lib/db/schema/points.ts QUALITY). */
const ERROR = 1;
const QUALITY_NAMES = ["good", "error", "estimated", "interpolated"] as const;

export interface AggPoint {
  id: number;
  transform: "i" | "d" | null;
  metricType: string;
}

export interface Sample {
  timeMs: number;
  value: number | null;
  valueStr: string | null;
  /** 0 good, 1 error, 2 estimated, 3 interpolated. */
  quality: number;
}

export interface FiveMinuteRow extends FiveMinuteStored {
  pointId: number;
  valueStr: string | null;
  dataQuality: string;
}

export interface CounterReset {
  pointId: number;
  timeMs: number;
  from: number;
  to: number;
}

/**
 * Reduces one point's raw samples of one interval (sorted by time). `prevCounter` is, for `d` points, the last
 * good counter value before the interval however far back (null if none): the delta since then lands here, so
 * no energy is lost across a gap. A counter going backwards is a reset: that step counts 0 and is reported.
 */
export function reduceFiveMinute(
  point: AggPoint,
  intervalEndMs: number,
  samples: Sample[],
  prevCounter: number | null,
): { row: FiveMinuteRow; resets: CounterReset[] } {
  const good = samples.filter((s) => s.quality !== ERROR);
  const sign = point.transform === "i" ? -1 : 1;
  const values = good
    .filter((s) => s.value !== null && Number.isFinite(s.value))
    .map((s) => sign * (s.value as number));
  const textSample = [...good].reverse().find((s) => s.valueStr !== null && s.valueStr !== undefined);
  const resets: CounterReset[] = [];

  let delta: number | null = null;
  if (point.transform === "d" && values.length) {
    let prev = prevCounter;
    delta = 0;
    for (const s of good) {
      if (s.value === null || !Number.isFinite(s.value)) continue;
      if (prev !== null) {
        if (s.value >= prev) delta += s.value - prev;
        else resets.push({ pointId: point.id, timeMs: s.timeMs, from: prev, to: s.value });
      }
      prev = s.value;
    }
  } else if (ADDITIVE_METRICS.has(point.metricType) && values.length) {
    delta = values.reduce((a, b) => a + b, 0);
  }

  const errorCount = samples.length - good.length;
  return {
    row: {
      pointId: point.id,
      intervalEndMs,
      avg: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
      last: values.length ? values[values.length - 1] : null,
      delta,
      valueStr: textSample?.valueStr ?? null,
      sampleCount: samples.length,
      errorCount,
      dataQuality: summariseQuality(samples),
    },
    resets,
  };
}

/** "error" if every sample is an error; else the least trustworthy non-error quality present. */
function summariseQuality(samples: Sample[]): string {
  if (samples.length && samples.every((s) => s.quality === ERROR)) return "error";
  if (samples.some((s) => s.quality === 2)) return QUALITY_NAMES[2];
  if (samples.some((s) => s.quality === 3)) return QUALITY_NAMES[3];
  return "good";
}
