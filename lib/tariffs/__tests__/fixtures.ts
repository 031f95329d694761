import { DateTime } from "luxon";
import { dayBounds } from "@/lib/time/zones";
import { tariffPlanInputSchema, type PricedPlan, type TariffPlanInput } from "../schema";
import type { TariffInterval } from "../types";

export const MEL = "Australia/Melbourne";

/** A parsed plan with an id (defaults: starts 2020-01-01, no components). */
export function plan(fields: Partial<TariffPlanInput>, id: number | string = 1): PricedPlan {
  return { ...tariffPlanInputSchema.parse({ name: "Test", effectiveFrom: "2020-01-01", ...fields }), id };
}

type Energy = Partial<Omit<TariffInterval, "endMs">>;

/** Every 5-minute interval of local days, energy chosen from the interval's local start time ("HH:mm"). */
export function intervalsFor(
  days: string[],
  zone: string,
  energy: (hhmm: string, day: string) => Energy,
): TariffInterval[] {
  const out: TariffInterval[] = [];
  for (const day of days) {
    const { startMs, endMs } = dayBounds(day, zone);
    for (let t = startMs; t < endMs; t += 300_000) {
      const hhmm = DateTime.fromMillis(t, { zone }).toFormat("HH:mm");
      out.push({ endMs: t + 300_000, importWh: 0, exportWh: 0, ...energy(hhmm, day) });
    }
  }
  return out;
}

/** The local days of a month, e.g. monthDays("2025-11"). */
export function monthDays(month: string): string[] {
  const start = DateTime.fromISO(`${month}-01`, { zone: "utc" });
  return Array.from({ length: start.daysInMonth! }, (_, i) => start.plus({ days: i }).toISODate()!);
}

/** Rounds to 1e-9 so sums of fractional cents compare exactly. */
export const r9 = (n: number | null | undefined) => (n === null || n === undefined ? n : Math.round(n * 1e9) / 1e9);
