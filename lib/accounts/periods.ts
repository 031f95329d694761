import { DateTime } from "luxon";
import type { AccountsPeriod } from "./types";

/** Most rows one request may ask for, per period. */
export const MAX_ROWS: Record<AccountsPeriod, number> = { day: 366, month: 120, year: 50, lifetime: 1 };

/** A bad period range (the route answers 400 with the message). */
export class PeriodError extends Error {}

const iso = (d: DateTime) => d.toISODate()!;

/** The span key of a local day for a period: "2026-12-03", "2026-12", "2026" or "lifetime". */
export function keyOf(period: AccountsPeriod, day: string): string {
  return period === "day"
    ? day
    : period === "month"
      ? day.slice(0, 7)
      : period === "year"
        ? day.slice(0, 4)
        : "lifetime";
}

/**
 * The local days [from, to] a request covers: `from`/`to` are any days inside the first/last span (whole months
 * and years), defaulting to the current span; `to` never runs past today. Lifetime runs from `firstDay`.
 */
export function resolveRange(
  period: AccountsPeriod,
  today: string,
  firstDay: string | null,
  from?: string,
  to?: string,
): { from: string; to: string } {
  for (const [name, v] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (v !== undefined && !DateTime.fromISO(v, { zone: "utc" }).isValid) {
      throw new PeriodError(`${name} must be a date YYYY-MM-DD`);
    }
  }
  if (period === "lifetime") return { from: firstDay && firstDay < today ? firstDay : today, to: today };
  const unit = period === "day" ? "day" : period === "month" ? "month" : "year";
  const start = DateTime.fromISO(from ?? to ?? today, { zone: "utc" }).startOf(unit);
  const last = DateTime.fromISO(to ?? from ?? today, { zone: "utc" }).endOf(unit);
  if (last < start) throw new PeriodError("'from' is after 'to'");
  const rows = Math.round(last.diff(start, `${unit}s`).as(`${unit}s`));
  if (rows > MAX_ROWS[period]) throw new PeriodError(`At most ${MAX_ROWS[period]} ${unit}s at a time`);
  const end = iso(last) > today ? today : iso(last);
  const begin = iso(start);
  return { from: begin, to: end < begin ? begin : end };
}

/** Every day from..to inclusive (calendar arithmetic on UTC dates: no zone is involved in naming days). */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
