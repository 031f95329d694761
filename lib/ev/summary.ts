import type { ChargingSession, EvMonthSummary } from "./types";

const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/** What the month summaries know beyond the sessions shown. */
export interface MonthContext {
  /** Km driven per month (absent: unknown). */
  km?: ReadonlyMap<string, number>;
  /** Months with a session away from home or at an unknown place, whatever the filter shows. */
  notHome?: ReadonlySet<string>;
}

/**
 * Sessions added up per month of their local start day, oldest first. Energy, cost and emissions are null when
 * any session's is (never a sum that silently leaves one out); the solar % is over the sessions whose split is
 * known (away sessions have none). Cost per 100 km only for a month charged wholly at home with km driven > 0.
 */
export function monthSummaries(sessions: readonly ChargingSession[], ctx: MonthContext = {}): EvMonthSummary[] {
  const months = new Map<string, Omit<EvMonthSummary, "kmDriven" | "costPer100KmCents"> & { splitWh: number }>();
  for (const s of sessions) {
    const key = s.day.slice(0, 7);
    const m = months.get(key) ?? {
      month: key,
      sessions: 0,
      energyWh: 0,
      solarWh: null,
      solarSharePct: null,
      costCents: 0,
      emissionsG: 0,
      splitWh: 0,
    };
    m.sessions++;
    m.energyWh = add(m.energyWh, s.energyWh);
    if (s.location === "home") {
      m.costCents = add(m.costCents, s.costCents);
      m.emissionsG = add(m.emissionsG, s.emissionsG);
    }
    if (s.solarSharePct !== null && s.supply.solarWh !== null) {
      m.solarWh = (m.solarWh ?? 0) + s.supply.solarWh;
      m.splitWh += (s.supply.solarWh ?? 0) + (s.supply.batteryWh ?? 0) + (s.supply.gridWh ?? 0);
    }
    months.set(key, m);
  }
  return [...months.values()]
    .sort((a, b) => a.month.localeCompare(b.month))
    .map(({ splitWh, ...m }) => {
      const km = ctx.km?.get(m.month) ?? null;
      const home =
        !ctx.notHome?.has(m.month) && sessions.every((s) => s.day.slice(0, 7) !== m.month || s.location === "home");
      return {
        ...m,
        solarSharePct: m.solarWh !== null && splitWh > 0 ? (m.solarWh / splitWh) * 100 : null,
        kmDriven: km,
        costPer100KmCents: home && km !== null && km > 0 && m.costCents !== null ? (m.costCents / km) * 100 : null,
      };
    });
}
