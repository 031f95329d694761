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
  /** Micro-inverters that reported in the interval (0 at night, when they sleep). */
  reporting: {
    originId: "devices_reporting",
    name: "Micro-inverters reporting",
    type: "source",
    subtype: "solar",
    extension: "reporting",
    metricType: "code",
    unit: "",
    transform: null,
    subsystem: "solar",
  },
  /** Micro-inverters in the system (`total_devices`): with `reporting`, "49 of 50" shows one has stopped. */
  devices: {
    originId: "total_devices",
    name: "Micro-inverters installed",
    type: "source",
    subtype: "solar",
    extension: "devices",
    metricType: "code",
    unit: "",
    transform: null,
    subsystem: "solar",
  },
} satisfies Record<string, PointDefinition>;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

const level = (point: PointDefinition, intervalEndMs: number, v: number): IntervalReading => ({
  point,
  intervalEndMs,
  avg: v,
  min: v,
  max: v,
  last: v,
});

/**
 * 5-minute values from production_micro: `source.solar/power` (powr, average W) and `source.solar/energy`
 * (enwh, Wh in the interval), each at intervalEndMs = end_at × 1000 (the END: the interval ending at local
 * midnight belongs to the day before). Intervals not on a 5-minute boundary are dropped by the ingest. Where an
 * interval says how many micro-inverters reported, that count is kept (`source.solar.reporting/code`) next to
 * the response's `total_devices` (`source.solar.devices/code`).
 */
export function mapIntervals(intervals: MicroInterval[], totalDevices: number | null = null): IntervalReading[] {
  const out: IntervalReading[] = [];
  for (const i of intervals) {
    const end = i.end_at * 1000;
    const powr = num(i.powr);
    const enwh = num(i.enwh);
    const reporting = num(i.devices_reporting);
    if (reporting !== null) {
      out.push(level(ENPHASE_POINTS.reporting, end, reporting));
      if (totalDevices !== null) out.push(level(ENPHASE_POINTS.devices, end, totalDevices));
    }
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
