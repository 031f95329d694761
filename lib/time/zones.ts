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

/*
 * Every UTC offset in use since 1980 is a whole multiple of 15 minutes (Kathmandu +5:45, Chatham +12:45), so local
 * midnight always falls on a 15-minute UTC boundary and the local day is the same for every instant of a 15-minute
 * UTC slot. localDay answers repeated slots (the 5-minute closes of every poll) from a small memo instead of asking
 * luxon each time. Earlier instants, where zones had offsets such as -0:44:30, always go to luxon.
 */
const SLOT_MS = 15 * 60_000;
const MEMO_FROM_MS = Date.UTC(1980, 0, 1);
const MEMO_MAX = 20_000;
const dayMemo = new Map<string, string>();

/** The local calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(timeMs: number, zone: string): string {
  if (timeMs < MEMO_FROM_MS) return DateTime.fromMillis(timeMs, { zone }).toISODate()!;
  const key = `${zone} ${Math.floor(timeMs / SLOT_MS)}`;
  let day = dayMemo.get(key);
  if (day === undefined) {
    day = DateTime.fromMillis(timeMs, { zone }).toISODate()!;
    if (dayMemo.size >= MEMO_MAX) dayMemo.clear();
    // An unknown zone gives no day: not memoised, so the caller sees luxon's answer every time.
    if (day) dayMemo.set(key, day);
  }
  return day;
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
