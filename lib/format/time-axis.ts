import { addDays, dayRangeMs, dayStartMs, localDayOf, zonedParts } from "./zone";

/** Time-axis helpers for charts: tick positions and labels in the system's IANA zone (not the browser's). */

const HOUR_MS = 3_600_000;
/** The start of the local hour containing an instant (zones with 30- or 45-minute offsets included). */
function localHourStart(timeMs: number, zone: string): number {
  const p = zonedParts(timeMs, zone);
  return timeMs - (p.minute * 60 + p.second) * 1000 - (timeMs % 1000);
}

/**
 * Ticks at local wall-clock multiples of stepHours between startMs and endMs (inclusive), in the given zone.
 * On daylight-saving days the ticks stay on local hours, so the gap between two ticks can be 1 or 3 hours.
 */
export function hourTicks(startMs: number, endMs: number, zone: string, stepHours = 3): number[] {
  const ticks: number[] = [];
  if (!(endMs >= startMs) || stepHours <= 0) return ticks;
  const seen = new Set<string>();
  let t = localHourStart(startMs, zone);
  if (t < startMs) t += HOUR_MS;
  // Walk absolute hours; a local hour repeated when daylight saving ends is kept once.
  for (; t <= endMs && ticks.length < 1000; t = localHourStart(t + HOUR_MS, zone)) {
    const p = zonedParts(t, zone);
    const key = `${localDayOf(t, zone)} ${p.hour}`;
    if (p.hour % stepHours !== 0 || seen.has(key)) continue;
    seen.add(key);
    ticks.push(t);
  }
  return ticks;
}

/** Ticks at local midnights between startMs and endMs (inclusive), every `stepDays` days. */
export function dayTicks(startMs: number, endMs: number, zone: string, stepDays = 1): number[] {
  const ticks: number[] = [];
  if (!(endMs >= startMs) || stepDays <= 0) return ticks;
  let day = localDayOf(startMs, zone);
  if (dayStartMs(day, zone) < startMs) day = addDays(day, 1);
  for (let i = 0; i < 400; i++, day = addDays(day, stepDays)) {
    const t = dayStartMs(day, zone);
    if (t > endMs) break;
    ticks.push(t);
  }
  return ticks;
}

/** A time as a short local clock label in the zone ("14:05"). */
export function formatClock(timeMs: number, zone: string): string {
  const p = zonedParts(timeMs, zone);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** A timestamp as local date and time in the zone ("Mon 3 Mar, 14:05"). */
export function formatDateTime(timeMs: number, zone: string): string {
  return `${formatDay(timeMs, zone)}, ${formatClock(timeMs, zone)}`;
}

// Fixed English names: Intl month abbreviations differ between ICU builds ("Jun" / "June" / "Sept"), and the
// server's and browser's markup must match.
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A local day as "Mon 3 Mar". */
export function formatDay(timeMs: number, zone: string): string {
  const p = zonedParts(timeMs, zone);
  return `${DAYS[p.weekday].slice(0, 3)} ${p.day} ${MONTHS[p.month - 1].slice(0, 3)}`;
}

/** A local day as "Monday 3 March 2025" (headings). */
export function formatLongDay(timeMs: number, zone: string): string {
  const p = zonedParts(timeMs, zone);
  return `${DAYS[p.weekday]} ${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** A local day as "3 Mar" (axis labels). */
export function formatShortDate(timeMs: number, zone: string): string {
  const p = zonedParts(timeMs, zone);
  return `${p.day} ${MONTHS[p.month - 1].slice(0, 3)}`;
}

/** [start, end) of the local calendar day containing an instant in the zone, in ms UTC (23 or 25 h on DST days). */
export function localDayRange(nowMs: number, zone: string): { startMs: number; endMs: number } {
  return dayRangeMs(localDayOf(nowMs, zone), zone);
}
