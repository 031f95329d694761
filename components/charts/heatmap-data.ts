import { isoInZone, zonedParts, localDayOf, type CsvCell } from "@/lib/format";

export const SLOTS = 48;
const STEP_MS = 5 * 60_000;

/** How a half-hour cell combines its 5-minute values: energy and cost add up, power and levels average. */
export type HeatmapMode = "sum" | "mean";

/** Sums for deltas (energy, cost per interval), means for everything else. */
export function heatmapMode(field: string | undefined): HeatmapMode {
  return field === "delta" ? "sum" : "mean";
}

/** One day row of the heatmap: the half-hour's total or mean per local half-hour (null where nothing was recorded). */
export interface HeatmapRow {
  day: string;
  slots: Array<number | null>;
}

export interface HeatmapData {
  rows: HeatmapRow[];
  min: number | null;
  max: number | null;
}

/**
 * Combines 5-minute values (keyed by interval END) into local half-hours of the given days: an interval belongs
 * to the half-hour its start falls in; `sum` adds them (a 2 kW load makes 1 kWh a half-hour), `mean` averages.
 * On a 25-hour day the repeated hour's values share their slots.
 */
export function buildHeatmap(
  data: Array<[number, number | null]>,
  days: string[],
  zone: string,
  mode: HeatmapMode = "mean",
): HeatmapData {
  const index = new Map(days.map((d, i) => [d, i]));
  const sums = days.map(() => new Array<number>(SLOTS).fill(0));
  const counts = days.map(() => new Array<number>(SLOTS).fill(0));
  for (const [t, v] of data) {
    if (v === null || !Number.isFinite(v)) continue;
    const start = t - STEP_MS;
    const row = index.get(localDayOf(start, zone));
    if (row === undefined) continue;
    const p = zonedParts(start, zone);
    const slot = p.hour * 2 + (p.minute >= 30 ? 1 : 0);
    sums[row][slot] += v;
    counts[row][slot] += 1;
  }
  let min: number | null = null;
  let max: number | null = null;
  const rows = days.map((day, i) => ({
    day,
    slots: sums[i].map((s, j) => {
      if (!counts[i][j]) return null;
      const cell = mode === "sum" ? s : s / counts[i][j];
      min = min === null ? cell : Math.min(min, cell);
      max = max === null ? cell : Math.max(max, cell);
      return cell;
    }),
  }));
  return { rows, min, max };
}

const lerp = (a: number, b: number, f: number) => a + (b - a) * f;

// Sequential scale: pale yellow → orange → deep purple (readable on light and dark cards).
const SEQ: Array<[number, number, number]> = [
  [55, 95, 88],
  [30, 95, 55],
  [330, 70, 42],
  [265, 60, 30],
];

function ramp(stops: Array<[number, number, number]>, f: number): string {
  const x = Math.min(1, Math.max(0, f)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const [h1, s1, l1] = stops[i];
  const [h2, s2, l2] = stops[i + 1];
  const g = x - i;
  // Hue may wrap (30 → 330): go the short way round.
  const dh = ((h2 - h1 + 540) % 360) - 180;
  return `hsl(${Math.round((h1 + dh * g + 360) % 360)} ${Math.round(lerp(s1, s2, g))}% ${Math.round(lerp(l1, l2, g))}%)`;
}

/**
 * The colour of a value on the scale [min, max]. A range crossing zero uses a diverging scale (blue below zero,
 * grey at zero, orange above) so export/import or charge/discharge read at a glance.
 */
export function heatColor(value: number, min: number, max: number): string {
  if (min < 0 && max > 0) {
    if (value < 0)
      return ramp(
        [
          [210, 10, 80],
          [212, 80, 50],
          [225, 75, 32],
        ],
        value / min,
      );
    return ramp(
      [
        [210, 10, 80],
        [30, 95, 55],
        [15, 85, 40],
      ],
      value / max,
    );
  }
  return ramp(SEQ, max === min ? 1 : (value - min) / (max - min));
}

/** Label of a half-hour slot ("00:00", "13:30"). */
export function slotLabel(slot: number): string {
  return `${String(Math.floor(slot / 2)).padStart(2, "0")}:${slot % 2 ? "30" : "00"}`;
}

/** CSV of the heatmap: one row per day and half-hour with data; the time column carries the zone offset. */
export function heatmapCsv(
  data: HeatmapData,
  dayStarts: Map<string, number>,
  zone: string,
  valueColumn: string,
): { header: string[]; rows: CsvCell[][] } {
  const rows: CsvCell[][] = [];
  for (const r of data.rows) {
    const start = dayStarts.get(r.day);
    if (start === undefined) continue;
    r.slots.forEach((v, slot) => {
      if (v === null) return;
      // Wall-clock slot → instant: walk from the day start (exact except on daylight-saving changeover days).
      rows.push([r.day, slotLabel(slot), isoInZone(start + slot * 30 * 60_000, zone), Number(v.toFixed(3))]);
    });
  }
  return { header: ["day", "half_hour", "slot_start", valueColumn], rows };
}
