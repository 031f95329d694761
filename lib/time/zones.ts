import { DateTime, IANAZone } from "luxon";

/** Whether a string is a valid IANA time zone name. */
export function isValidTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The zone's standard (non-daylight-saving) offset in minutes, e.g. 600 for Australia/Melbourne, 570 for
 * Australia/Adelaide, 330 for Asia/Kolkata, -300 for America/New_York: the smaller of the January and July offsets.
 */
export function standardOffsetMinutes(zone: string, year = new Date().getUTCFullYear()): number {
  if (!isValidTimezone(zone)) throw new Error(`Unknown time zone '${zone}'`);
  const jan = DateTime.fromObject({ year, month: 1, day: 1 }, { zone }).offset;
  const jul = DateTime.fromObject({ year, month: 7, day: 1 }, { zone }).offset;
  return Math.min(jan, jul);
}

/** The local calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(timeMs: number, zone: string): string {
  return DateTime.fromMillis(timeMs, { zone }).toISODate()!;
}

/** [start, end) of a local calendar day in ms UTC; 23 or 25 hours long on daylight-saving changeover days. */
export function dayBounds(day: string, zone: string): { startMs: number; endMs: number } {
  const start = DateTime.fromISO(day, { zone }).startOf("day");
  if (!start.isValid) throw new Error(`Invalid day '${day}' in zone '${zone}'`);
  return { startMs: start.toMillis(), endMs: start.plus({ days: 1 }).toMillis() };
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  return DateTime.fromISO(day, { zone: "utc" }).plus({ days: 1 }).toISODate()!;
}
