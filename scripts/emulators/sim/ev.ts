import { IANAZone } from "luxon";
import { rand01 } from "./random";
import type { SiteConfig } from "./types";

const MIN_PER_DAY = 1440;

/** Whether the site's car charges at home on a local day (seeded: the same answer in every process). */
export function evChargeDay(site: SiteConfig, localDay: number): boolean {
  return Boolean(site.ev) && rand01(site.seed, localDay, 220) < (site.ev?.chargeDayShare ?? 0);
}

/** The local day number (days since 1970-01-01 local) and minute of day of timeMs at the site. */
export function localTime(site: SiteConfig, timeMs: number): { localDay: number; minuteOfDay: number } {
  const offset = IANAZone.create(site.timezone).offset(timeMs);
  const localMin = Math.floor(timeMs / 60_000) + offset;
  const localDay = Math.floor(localMin / MIN_PER_DAY);
  return { localDay, minuteOfDay: localMin - localDay * MIN_PER_DAY };
}

/** The car's charging power (W) in the minute containing timeMs: the same value the site's load includes. */
export function evChargingW(site: SiteConfig, timeMs: number): number {
  const ev = site.ev;
  if (!ev) return 0;
  const { localDay, minuteOfDay: t } = localTime(site, timeMs);
  return t >= ev.startMin && t < ev.endMin && evChargeDay(site, localDay) ? ev.powerW : 0;
}
