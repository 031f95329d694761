import { addDays, dayRangeMs, dayStartMs, isDayString } from "@/lib/format/zone";

/** The dashboard's period: 1D (one local day, 5-minute data), 7D (30-minute power, daily energy) or 30D (daily data). */
export type PeriodKind = "1D" | "7D" | "30D";
export const PERIOD_KINDS: readonly PeriodKind[] = ["1D", "7D", "30D"];
export const PERIOD_DAYS: Record<PeriodKind, number> = { "1D": 1, "7D": 7, "30D": 30 };

export interface Period {
  kind: PeriodKind;
  /** Last local day of the period (YYYY-MM-DD in the system's zone). */
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

/**
 * Reads `?period=1D|7D|30D&date=YYYY-MM-DD` (date = the period's last day). Unknown periods fall back to 1D;
 * a missing, invalid, future or today's date means live (ending today).
 */
export function parsePeriod(params: { period?: Param; date?: Param }, today: string): Period {
  const raw = first(params.period)?.toUpperCase();
  const kind = (PERIOD_KINDS as readonly string[]).includes(raw ?? "") ? (raw as PeriodKind) : "1D";
  const date = first(params.date);
  const oldest = addDays(today, -MAX_BACK_DAYS);
  const endDay = date && isDayString(date) && date < today ? (date < oldest ? oldest : date) : today;
  return { kind, endDay, startDay: addDays(endDay, 1 - PERIOD_DAYS[kind]), live: endDay === today };
}

/** The query string for a period (`?period=7D&date=…`); live periods carry no date, 1D live none at all. */
export function periodSearch(kind: PeriodKind, endDay: string | null): string {
  const q = new URLSearchParams();
  if (kind !== "1D" || endDay) q.set("period", kind);
  if (endDay) q.set("date", endDay);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Links for the switcher: the same kind one period earlier / later (never past today), live, and each kind. */
export function periodLinks(p: Period, today: string) {
  const n = PERIOD_DAYS[p.kind];
  const nextEnd = addDays(p.endDay, n);
  return {
    previous: periodSearch(p.kind, addDays(p.endDay, -n)),
    next: p.live ? null : periodSearch(p.kind, nextEnd >= today ? null : nextEnd),
    live: periodSearch(p.kind, null),
    // Switching kind keeps the end day, so "7D" from a past day shows the week ending that day.
    kinds: PERIOD_KINDS.map((k) => ({ kind: k, search: periodSearch(k, p.live ? null : p.endDay) })),
  };
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
