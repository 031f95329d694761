import type { Combine } from "./categories";

export interface Contribution {
  value: number | null;
  /** Battery capacity in Wh (capacity weighting only). */
  weightWh?: number | null;
  timeMs?: number | null;
}

const present = (xs: Contribution[]) => xs.filter((x) => typeof x.value === "number" && Number.isFinite(x.value));

/**
 * Combines the present (numeric) values of one composite point: sum, capacity-weighted mean, plain mean, or the
 * newest value. Null when nothing is present.
 */
export function combineValues(combine: Combine, items: Contribution[]): number | null {
  const xs = present(items);
  if (!xs.length) return null;
  const values = xs.map((x) => x.value as number);
  switch (combine) {
    case "sum":
      return values.reduce((a, b) => a + b, 0);
    case "capacity": {
      const weighted = xs.filter((x) => (x.weightWh ?? 0) > 0);
      const w = weighted.reduce((a, x) => a + (x.weightWh as number), 0);
      if (!w) return values.reduce((a, b) => a + b, 0) / values.length;
      return weighted.reduce((a, x) => a + (x.value as number) * (x.weightWh as number), 0) / w;
    }
    case "average":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "latest":
      return [...xs].sort((a, b) => (b.timeMs ?? 0) - (a.timeMs ?? 0))[0].value;
  }
}

/**
 * Merges member series at each timestamp (5- or 30-minute interval ends, or local day starts). Averages (power) are summed
 * only where every member that reported in the window has a value, so a missing source shows as a gap rather than
 * a dip; amounts (`delta`: energy, cost) add up whatever is present; SoC and prices combine what is present.
 */
export function combineSeries(
  combine: Combine,
  field: "avg" | "delta",
  members: Array<{ data: Array<[number, number | null]>; weightWh?: number | null }>,
): Array<[number, number | null]> {
  const maps = members.map((m) => new Map(m.data));
  const reporting = members
    .map((m, i) => ({ i, any: m.data.some(([, v]) => v !== null && Number.isFinite(v)) }))
    .filter((x) => x.any)
    .map((x) => x.i);
  const times = [...new Set(members.flatMap((m) => m.data.map(([t]) => t)))].sort((a, b) => a - b);
  return times.map((t) => {
    const items = members.map((m, i) => ({ value: maps[i].get(t) ?? null, weightWh: m.weightWh ?? null }));
    if (combine === "sum" && field === "avg" && reporting.some((i) => items[i].value === null)) return [t, null];
    return [t, combineValues(combine, items)];
  });
}
