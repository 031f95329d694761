import { DateTime } from "luxon";

/** Time-axis helpers for charts: tick positions and labels in the system's IANA zone (not the browser's). */

/**
 * Ticks at local wall-clock multiples of stepHours between startMs and endMs (inclusive), in the given zone.
 * On daylight-saving days the ticks stay on local hours, so the gap between two ticks can be 1 or 3 hours.
 */
export function hourTicks(startMs: number, endMs: number, zone: string, stepHours = 3): number[] {
  const ticks: number[] = [];
  if (!(endMs >= startMs) || stepHours <= 0) return ticks;
  const seen = new Set<string>();
  let t = DateTime.fromMillis(startMs, { zone }).startOf("hour");
  if (t.toMillis() < startMs) t = t.plus({ hours: 1 });
  // Walk absolute hours; a local hour repeated when daylight saving ends is kept once.
  for (; t.toMillis() <= endMs && ticks.length < 1000; t = t.plus({ hours: 1 })) {
    const key = t.toFormat("yyyy-MM-dd HH");
    if (t.hour % stepHours !== 0 || seen.has(key)) continue;
    seen.add(key);
    ticks.push(t.toMillis());
  }
  return ticks;
}

/** A time as a short local clock label in the zone ("14:05"). */
export function formatClock(timeMs: number, zone: string): string {
  return DateTime.fromMillis(timeMs, { zone }).toFormat("HH:mm");
}

/** A timestamp as local date and time in the zone ("Mon 3 Mar, 14:05"). */
export function formatDateTime(timeMs: number, zone: string): string {
  return DateTime.fromMillis(timeMs, { zone }).toFormat("ccc d LLL, HH:mm");
}

/** [start, end) of the local calendar day containing an instant in the zone, in ms UTC (23 or 25 h on DST days). */
export function localDayRange(nowMs: number, zone: string): { startMs: number; endMs: number } {
  const start = DateTime.fromMillis(nowMs, { zone }).startOf("day");
  return { startMs: start.toMillis(), endMs: start.plus({ days: 1 }).toMillis() };
}
