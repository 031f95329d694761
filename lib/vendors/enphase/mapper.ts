import type { IntervalReading, PointDefinition, Reading } from "../types";
import type { MicroInterval } from "./client";

/**
 * The points of an Enphase system: micro-inverter production only (no battery or grid in production_micro).
 * `enwh` is the energy of its own five minutes (not a lifetime counter), so it carries no transform.
 */
export const ENPHASE_POINTS = {
  power: {
    originId: "powr",
    name: "Solar",
    type: "source",
    subtype: "solar",
    extension: null,
    metricType: "power",
    unit: "W",
    transform: null,
    subsystem: "solar",
  },
  energy: {
    originId: "enwh",
    name: "Solar energy",
    type: "source",
    subtype: "solar",
    extension: null,
    metricType: "energy",
    unit: "Wh",
    transform: null,
    subsystem: "solar",
  },
} satisfies Record<string, PointDefinition>;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * 5-minute values from production_micro: `source.solar/power` (powr, average W) and `source.solar/energy`
 * (enwh, Wh in the interval), each at intervalEndMs = end_at × 1000 (the END: the interval ending at local
 * midnight belongs to the day before). Intervals not on a 5-minute boundary are dropped by the ingest.
 */
export function mapIntervals(intervals: MicroInterval[]): IntervalReading[] {
  const out: IntervalReading[] = [];
  for (const i of intervals) {
    const end = i.end_at * 1000;
    const powr = num(i.powr);
    const enwh = num(i.enwh);
    if (powr !== null)
      out.push({ point: ENPHASE_POINTS.power, intervalEndMs: end, avg: powr, min: powr, max: powr, last: powr });
    if (enwh !== null) {
      out.push({
        point: ENPHASE_POINTS.energy,
        intervalEndMs: end,
        avg: enwh,
        min: enwh,
        max: enwh,
        last: enwh,
        delta: enwh,
      });
    }
  }
  return out;
}

/** The live value: the newest interval's average power as a reading at its end. */
export function latestPower(intervals: MicroInterval[]): Reading[] {
  let newest: MicroInterval | null = null;
  for (const i of intervals) if (num(i.powr) !== null && (!newest || i.end_at > newest.end_at)) newest = i;
  return newest ? [{ point: ENPHASE_POINTS.power, measurementTimeMs: newest.end_at * 1000, value: newest.powr! }] : [];
}
