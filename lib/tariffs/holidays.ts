import { DateTime } from "luxon";

/*
 * Built-in public holidays of the Australian states and territories for 2025–2027, from their rules (nth weekday,
 * Easter, weekend substitutes). State-wide days only: local show days, Hobart Regatta and SA/NT part-day
 * Christmas Eve and New Year's Eve are left out (a plan adds them as extra dates). The Friday before the AFL Grand
 * Final (VIC) is set each year by the government; 2026 and 2027 assume the last Saturday of September.
 */

export const AU_HOLIDAY_REGIONS = ["ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA"] as const;
export type HolidayRegion = (typeof AU_HOLIDAY_REGIONS)[number];

export const BUILT_IN_HOLIDAY_YEARS = [2025, 2026, 2027] as const;

const EASTER_SUNDAY: Record<number, string> = { 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28" };

const d = (year: number, month: number, day: number) => DateTime.utc(year, month, day);
const iso = (dt: DateTime) => dt.toISODate()!;

/** The nth (1-based) given weekday (1 = Monday) of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): DateTime {
  if (n < 0) {
    const last = d(year, month, 1).endOf("month").startOf("day");
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = d(year, month, 1);
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + 7 * (n - 1) });
}

/** A weekend date moved to the following Monday. */
const mondayIfWeekend = (dt: DateTime) =>
  dt.weekday === 6 ? dt.plus({ days: 2 }) : dt.weekday === 7 ? dt.plus({ days: 1 }) : dt;

/** Christmas and Boxing Day with their weekday substitutes (both dates kept when they fall on a weekend). */
function christmas(year: number): DateTime[] {
  const xmas = d(year, 12, 25);
  const boxing = d(year, 12, 26);
  const out = [xmas, boxing];
  if (xmas.weekday === 6) out.push(d(year, 12, 27), d(year, 12, 28));
  else if (xmas.weekday === 5) out.push(d(year, 12, 28));
  else if (xmas.weekday === 7) out.push(d(year, 12, 27));
  return out;
}

function regionDays(region: HolidayRegion, year: number): DateTime[] {
  const easter = DateTime.fromISO(EASTER_SUNDAY[year], { zone: "utc" });
  const anzac = d(year, 4, 25);
  const common = [
    mondayIfWeekend(d(year, 1, 1)),
    d(year, 1, 1),
    mondayIfWeekend(d(year, 1, 26)),
    easter.minus({ days: 2 }),
    easter.plus({ days: 1 }),
    anzac,
    ...christmas(year),
  ];
  const easterSaturday = easter.minus({ days: 1 });
  const secondMondayMarch = nthWeekday(year, 3, 1, 2);
  const kingsJune = nthWeekday(year, 6, 1, 2);
  const firstMondayOctober = nthWeekday(year, 10, 1, 1);
  const firstMondayMay = nthWeekday(year, 5, 1, 1);
  switch (region) {
    case "NSW":
      return [...common, easterSaturday, easter, kingsJune, firstMondayOctober];
    case "VIC":
      return [
        ...common,
        easterSaturday,
        easter,
        secondMondayMarch,
        kingsJune,
        nthWeekday(year, 9, 6, -1).minus({ days: 1 }),
        nthWeekday(year, 11, 2, 1),
      ];
    case "QLD":
      return [...common, easterSaturday, easter, firstMondayMay, firstMondayOctober];
    case "SA":
      return [...common, easterSaturday, easter, secondMondayMarch, kingsJune, firstMondayOctober];
    case "WA":
      return [
        ...common,
        easter,
        mondayIfWeekend(anzac),
        nthWeekday(year, 3, 1, 1),
        nthWeekday(year, 6, 1, 1),
        nthWeekday(year, 9, 1, -1),
      ];
    case "TAS":
      return [...common, secondMondayMarch, kingsJune];
    case "ACT": {
      const may27 = d(year, 5, 27);
      const reconciliation = may27.plus({ days: (8 - may27.weekday) % 7 });
      return [
        ...common,
        easterSaturday,
        easter,
        mondayIfWeekend(anzac),
        secondMondayMarch,
        reconciliation,
        kingsJune,
        firstMondayOctober,
      ];
    }
    case "NT":
      return [...common, easterSaturday, easter, firstMondayMay, kingsJune, nthWeekday(year, 8, 1, 1)];
  }
}

const memo = new Map<string, string[] | null>();

/** The region's public holidays in a year (sorted YYYY-MM-DD), or null when the built-in list has no such year. */
export function builtInHolidays(region: HolidayRegion, year: number): string[] | null {
  const key = `${region}${year}`;
  let days = memo.get(key);
  if (days === undefined) {
    days = (BUILT_IN_HOLIDAY_YEARS as readonly number[]).includes(year)
      ? [...new Set(regionDays(region, year).map(iso))].sort()
      : null;
    memo.set(key, days);
  }
  return days && [...days];
}

/** Answers "is this local day a public holiday?" and says which years it cannot answer for. */
export interface HolidayCalendar {
  isHoliday(day: string): boolean;
  /** Whether the calendar knows the year of a day (extra dates alone do not count as knowing a year). */
  knowsYear(year: number): boolean;
}

/** A calendar from a built-in region (or none) plus extra dates a plan lists. */
export function holidayCalendar(region: HolidayRegion | null, extraDates: readonly string[] = []): HolidayCalendar {
  const days = new Set(extraDates);
  const years = new Set<number>();
  if (region) {
    for (const year of BUILT_IN_HOLIDAY_YEARS) {
      for (const day of builtInHolidays(region, year) ?? []) days.add(day);
      years.add(year);
    }
  }
  return { isHoliday: (day) => days.has(day), knowsYear: (year) => region === null || years.has(year) };
}
