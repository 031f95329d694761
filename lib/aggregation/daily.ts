/** Pure daily reducer over one point's 5-minute rows of one local day. */

/** The values every aggregate row carries (5-minute, 30-minute, daily, and vendor intervals). */
export interface AggregateValues {
  avg: number | null;
  min: number | null;
  max: number | null;
  last: number | null;
  delta: number | null;
}

export interface FiveMinuteStored extends AggregateValues {
  intervalEndMs: number;
  sampleCount: number;
  errorCount: number;
}

export interface DailyValues extends AggregateValues {
  sampleCount: number;
  errorCount: number;
  /** 5-minute intervals present: 288 on a 24-hour day, 276 on a 23-hour one, 300 on a 25-hour one. */
  intervalCount: number;
}

const nums = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null && Number.isFinite(x));

/**
 * Reduces the rows whose interval END is in (dayStart, dayEnd]: avg = mean of averages, min/max of min/max,
 * delta = sum of deltas, last = the last known value at the end of the day, counts summed.
 */
export function reduceDay(rows: FiveMinuteStored[]): DailyValues {
  const sorted = [...rows].sort((a, b) => a.intervalEndMs - b.intervalEndMs);
  const avgs = nums(sorted.map((r) => r.avg));
  const mins = nums(sorted.map((r) => r.min));
  const maxs = nums(sorted.map((r) => r.max));
  const lasts = nums(sorted.map((r) => r.last));
  const deltas = nums(sorted.map((r) => r.delta));
  return {
    avg: avgs.length ? avgs.reduce((a, b) => a + b, 0) / avgs.length : null,
    min: mins.length ? Math.min(...mins) : null,
    max: maxs.length ? Math.max(...maxs) : null,
    last: lasts.length ? lasts[lasts.length - 1] : null,
    delta: deltas.length ? deltas.reduce((a, b) => a + b, 0) : null,
    sampleCount: sorted.reduce((a, r) => a + r.sampleCount, 0),
    errorCount: sorted.reduce((a, r) => a + r.errorCount, 0),
    intervalCount: sorted.length,
  };
}
