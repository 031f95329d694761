import { addDays, daysBetween, dayRangeMs, dayStartMs, isDayString } from "@/lib/format/zone";

/**
 * The dashboard's period: a run of local days ending on a day (1D, 7D, 30D), a calendar month (M, its days), a
 * calendar year (Y, its months) or the system's whole life (ALL, its years).
 */
export type PeriodKind = "1D" | "7D" | "30D" | "M" | "Y" | "ALL";
export const PERIOD_KINDS: readonly PeriodKind[] = ["1D", "7D", "30D", "M", "Y", "ALL"];
/** Days in a rolling period; calendar periods have their own length. */
export const PERIOD_DAYS: Record<"1D" | "7D" | "30D", number> = { "1D": 1, "7D": 7, "30D": 30 };
export const PERIOD_LABELS: Record<PeriodKind, string> = {
  "1D": "1D",
  "7D": "7D",
  "30D": "30D",
  M: "Month",
  Y: "Year",
  ALL: "All time",
};
/** Words a URL may use for the calendar kinds (`?period=month`). */
const ALIASES: Record<string, PeriodKind> = { MONTH: "M", YEAR: "Y", LIFETIME: "ALL" };

/** The rows a period's energy is told in: days (up to a month), months (a year) or years (all time). */
export type PeriodUnit = "day" | "month" | "year";

export interface Period {
  kind: PeriodKind;
  /** Last local day of the period (YYYY-MM-DD in the system's zone); today for a running month, year or all time. */
  endDay: string;
  /** First local day of the period. */
  startDay: string;
  /** The period ends today: data keeps arriving and the page refreshes it. */
  live: boolean;
}

/** Oldest day the switcher goes back to (the history API keeps 5 years of daily data). */
const MAX_BACK_DAYS = 5 * 366;

type Param = string | string[] | undefined;
const first = (p: Param) => (Array.isArray(p) ? p[0] : p);

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const monthEnd = (day: string) => addDays(monthStart(addDays(monthStart(day), 31)), -1);
const yearStart = (day: string) => `${day.slice(0, 4)}-01-01`;
const yearEnd = (day: string) => `${day.slice(0, 4)}-12-31`;
const min = (a: string, b: string) => (a < b ? a : b);

/** The oldest day the dashboard offers. */
export function oldestDay(today: string): string {
  return addDays(today, -MAX_BACK_DAYS);
}

/** The period of a kind that contains (calendar kinds) or ends on (rolling kinds) `day`, never past today. */
export function periodOf(kind: PeriodKind, day: string, today: string): Period {
  const end = min(day, today);
  let startDay: string;
  let endDay: string;
  if (kind === "M") [startDay, endDay] = [monthStart(end), min(monthEnd(end), today)];
  else if (kind === "Y") [startDay, endDay] = [yearStart(end), min(yearEnd(end), today)];
  else if (kind === "ALL") [startDay, endDay] = [yearStart(oldestDay(today)), today];
  else [startDay, endDay] = [addDays(end, 1 - PERIOD_DAYS[kind]), end];
  return { kind, startDay, endDay, live: endDay === today };
}

/**
 * Reads `?period=1D|7D|30D|M|Y|ALL&date=YYYY-MM-DD` (the rolling periods' last day, or any day of the month or
 * year). Unknown periods fall back to 1D; a missing, invalid, future or today's date means live (ending today).
 */
export function parsePeriod(params: { period?: Param; date?: Param }, today: string): Period {
  const raw = first(params.period)?.toUpperCase() ?? "";
  const kind = (PERIOD_KINDS as readonly string[]).includes(raw) ? (raw as PeriodKind) : (ALIASES[raw] ?? "1D");
  const date = first(params.date);
  const oldest = oldestDay(today);
  const day = date && isDayString(date) && date < today ? (date < oldest ? oldest : date) : today;
  return periodOf(kind, day, today);
}

/** The query string for a period (`?period=7D&date=…`); live periods carry no date, 1D live none at all. */
export function periodSearch(kind: PeriodKind, endDay: string | null): string {
  const q = new URLSearchParams();
  if (kind !== "1D" || endDay) q.set("period", kind);
  if (endDay) q.set("date", endDay);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The query string of the period of `kind` at `day` (live when it reaches today). */
export function searchFor(kind: PeriodKind, day: string, today: string): string {
  const p = periodOf(kind, day, today);
  return periodSearch(kind, p.live ? null : p.endDay);
}

/**
 * Links for the switcher: the same kind one period earlier / later (null past the oldest day or today), live, and
 * each kind. Switching kind keeps the end day, so "7D" from a past day shows the week ending that day.
 */
export function periodLinks(p: Period, today: string) {
  let before: string | null;
  let after: string | null;
  if (p.kind === "ALL") [before, after] = [null, null];
  else if (p.kind === "M" || p.kind === "Y") [before, after] = [addDays(p.startDay, -1), addDays(p.endDay, 1)];
  else {
    const n = PERIOD_DAYS[p.kind];
    [before, after] = [addDays(p.endDay, -n), addDays(p.endDay, n)];
  }
  const oldest = oldestDay(today);
  return {
    previous: before === null || p.startDay <= oldest ? null : searchFor(p.kind, before, today),
    next: p.live || after === null ? null : searchFor(p.kind, after, today),
    live: periodSearch(p.kind, null),
    kinds: PERIOD_KINDS.map((k) => ({ kind: k, search: searchFor(k, p.endDay, today) })),
  };
}

/** The unit of a period's energy rows. */
export function periodUnit(p: Period): PeriodUnit {
  return p.kind === "Y" ? "month" : p.kind === "ALL" ? "year" : "day";
}

/** Whether the period is told in days (and has a power chart worth drawing: 1D, 7D). */
export function isRolling(kind: PeriodKind): kind is "1D" | "7D" | "30D" {
  return kind === "1D" || kind === "7D" || kind === "30D";
}

/** Number of local days in the period. */
export function periodLength(p: Period): number {
  return daysBetween(p.startDay, p.endDay) + 1;
}

/** The period's days with their [start, end) instants in the zone. */
export function periodDays(p: Period, zone: string): Array<{ day: string; startMs: number; endMs: number }> {
  const out = [];
  for (let day = p.startDay; day <= p.endDay; day = addDays(day, 1)) out.push({ day, ...dayRangeMs(day, zone) });
  return out;
}

/** [start, end) of the whole period in ms UTC. */
export function periodWindow(p: Period, zone: string): { startMs: number; endMs: number } {
  return { startMs: dayStartMs(p.startDay, zone), endMs: dayStartMs(addDays(p.endDay, 1), zone) };
}
