import type { HistoryAggregation, HistorySeries } from "@/lib/api/contracts";

export type SeriesValues = Map<number, number | null>;

/** The spacing of a 5- or 30-minute response's times (interval ends), in ms; 5 minutes for other levels. */
export function stepMsOf(aggregation: HistoryAggregation): number {
  return aggregation === "30m" ? 30 * 60_000 : 5 * 60_000;
}

/** Sums series point-wise; a time is null unless every part has a value there. */
export function sumSeries(parts: Array<Pick<HistorySeries, "data">>): SeriesValues {
  const out: SeriesValues = new Map();
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

/**
 * The values of the series at `path`; when absent and `path` is a top-level solar path (`source.solar/<metric>`),
 * the sum of its parts (`source.solar.<part>/<metric>`). Undefined when neither exists.
 */
export function pickSeries(series: HistorySeries[], path: string): SeriesValues | undefined {
  const exact = series.find((s) => s.path === path);
  if (exact) return new Map(exact.data);
  const m = /^source\.solar\/([a-z_]+)$/.exec(path);
  if (!m) return undefined;
  const part = new RegExp(`^source\\.solar\\.[^./]+/${m[1]}$`);
  const parts = series.filter((s) => s.path !== null && part.test(s.path));
  return parts.length ? sumSeries(parts) : undefined;
}
