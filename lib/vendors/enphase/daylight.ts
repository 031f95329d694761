import { DateTime } from "luxon";
import SunCalc from "suncalc";

/** Where a system is, as stored on systems.location (lat/lng may be missing). */
export type Place = { lat?: number; lng?: number } | null | undefined;

/** Without coordinates we assume a generous clock window, so no production is missed anywhere in Australia. */
const FALLBACK_START_H = 5;
const FALLBACK_END_H = 21;

const coords = (p: Place): [number, number] | null =>
  p && typeof p.lat === "number" && typeof p.lng === "number" && Number.isFinite(p.lat) && Number.isFinite(p.lng)
    ? [p.lat, p.lng]
    : null;

/**
 * Sunrise and sunset (ms UTC) of the local day containing `at`, from the system's own coordinates (suncalc, asked
 * at local noon so the right solar day is used); a 05:00–21:00 local window when the location is unknown. In
 * polar day the window is the whole day; in polar night it is empty (startMs = endMs).
 */
export function daylightWindow(at: Date, zone: string, place: Place): { startMs: number; endMs: number } {
  const local = DateTime.fromJSDate(at, { zone });
  const day = local.startOf("day");
  const c = coords(place);
  if (!c) {
    return {
      startMs: day.set({ hour: FALLBACK_START_H }).toMillis(),
      endMs: day.set({ hour: FALLBACK_END_H }).toMillis(),
    };
  }
  const noon = day.set({ hour: 12 }).toJSDate();
  const t = SunCalc.getTimes(noon, c[0], c[1]);
  const rise = t.sunrise.getTime();
  const set = t.sunset.getTime();
  if (Number.isFinite(rise) && Number.isFinite(set)) return { startMs: rise, endMs: set };
  const up = SunCalc.getPosition(noon, c[0], c[1]).altitude > 0;
  const start = day.toMillis();
  return { startMs: start, endMs: up ? day.plus({ days: 1 }).toMillis() : start };
}

/** Whether `at` is between sunrise − before and sunset + after at the system's location. */
export function isDaylight(at: Date, zone: string, place: Place, margins = { beforeMs: 0, afterMs: 0 }): boolean {
  const w = daylightWindow(at, zone, place);
  if (w.endMs <= w.startMs) return false;
  const t = at.getTime();
  return t >= w.startMs - margins.beforeMs && t <= w.endMs + margins.afterMs;
}
