/**
 * Calendar arithmetic in an IANA zone with Intl only (no luxon), so client components stay small.
 * Days are "YYYY-MM-DD" strings; instants are ms since epoch UTC.
 */

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function partsFormat(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    partsCache.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in the zone. */
export function zonedParts(timeMs: number, zone: string): ZonedParts {
  const out: Record<string, string> = {};
  for (const p of partsFormat(zone).formatToParts(new Date(timeMs))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS.indexOf(out.weekday),
  };
}

/** The zone's offset from UTC at an instant, in ms (e.g. +36,000,000 for Melbourne in winter). */
export function zoneOffsetMs(timeMs: number, zone: string): number {
  const p = zonedParts(timeMs, zone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(timeMs / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The local calendar day (YYYY-MM-DD) of an instant in the zone. */
export function localDayOf(timeMs: number, zone: string): string {
  const p = zonedParts(timeMs, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Whether a string is a real calendar day in YYYY-MM-DD form. */
export function isDayString(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** A YYYY-MM-DD day moved by n calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The first instant of a local day in the zone (local midnight, or the first valid time after it where a
 * daylight-saving change skips midnight).
 */
export function dayStartMs(day: string, zone: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`);
  let t = wall - zoneOffsetMs(wall, zone);
  t = wall - zoneOffsetMs(t, zone);
  // Midnight skipped or the guess landed on the previous day: step forward to the first instant of `day`.
  for (let i = 0; i < 4 && localDayOf(t, zone) < day; i++) {
    const p = zonedParts(t, zone);
    t += ((60 - p.minute) * 60 - p.second) * 1000;
  }
  while (localDayOf(t - 30 * 60_000, zone) === day) t -= 30 * 60_000;
  return t;
}

/** [start, end) of a local day in ms UTC; 23 or 25 hours long on daylight-saving changeover days. */
export function dayRangeMs(day: string, zone: string): { startMs: number; endMs: number } {
  return { startMs: dayStartMs(day, zone), endMs: dayStartMs(addDays(day, 1), zone) };
}

/** An instant as ISO 8601 with the zone's offset at that instant ("2025-06-15T14:05:00+10:00"), for CSV files. */
export function isoInZone(timeMs: number, zone: string): string {
  const p = zonedParts(timeMs, zone);
  const off = Math.round(zoneOffsetMs(timeMs, zone) / 60_000);
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
