import { DEMO_SITES, seededSite, type SiteConfig } from "../sim";

/** A select.live login and the systems it can see. */
export interface SelectAccount {
  email: string;
  password: string;
  /** Systems listed on the dashboard, in order. */
  systems: Array<{ number: string; name: string }>;
  /** Systems the account may read beyond the listed ones (the bench account owns every 9xxxxx). */
  owns?: (systemNumber: string) => boolean;
}

/** Bench systems: any six-digit number starting with 9 exists, seeded from its number. */
export const BENCH_SYSTEM = /^9\d{5}$/;

/** The fixed demo accounts (a fresh copy, so each emulator instance can add its own). */
export function defaultAccounts(): SelectAccount[] {
  return [
    {
      email: "demo@example.com",
      password: "demo-password",
      systems: [
        { number: "1001", name: "Melbourne Home" },
        { number: "1002", name: "Adelaide Home" },
      ],
    },
    { email: "other@example.com", password: "other-password", systems: [{ number: "1003", name: "Sydney Home" }] },
    {
      email: "bench@example.com",
      password: "bench",
      systems: Array.from({ length: 10 }, (_, i) => ({ number: String(900001 + i), name: `Bench ${900001 + i}` })),
      owns: (n) => BENCH_SYSTEM.test(n),
    },
  ];
}

/**
 * How a system's hfdata is written, as recorded from real portals: `strings` sends every number as a numeric
 * string ("1842.6"), `msTimestamp` sends `timestamp` (and `fault_ts`) in Unix milliseconds. The Sydney demo system
 * (1003) does both; every other system sends plain numbers and seconds.
 */
export interface HfQuirks {
  strings?: boolean;
  msTimestamp?: boolean;
}
export const SYSTEM_QUIRKS: Record<string, HfQuirks> = { "1003": { strings: true, msTimestamp: true } };

/** The simulated site behind a system number: a demo site, a seeded bench site, or undefined. */
export function builtInSite(systemNumber: string): SiteConfig | undefined {
  if (DEMO_SITES[systemNumber]) return DEMO_SITES[systemNumber];
  if (BENCH_SYSTEM.test(systemNumber)) return seededSite(systemNumber, Number(systemNumber));
  return undefined;
}

/** The nameplate facts shown on a system's dashboard page, derived from its site parameters. */
export function nameplate(site: SiteConfig): Record<string, string> {
  const ratingKw = Math.max(site.batteryMaxChargeW, site.batteryMaxDischargeW) / 1000;
  const model = ratingKw > 5 ? "SPMC482-AU" : "SPMC481-AU";
  return {
    "SP PRO Model:": model,
    "SP PRO Serial:": String(21_500_000 + (site.seed % 400_000)),
    "SP PRO Ratings:": `${ratingKw.toFixed(1)} kW, 48 V`,
    "Solar Size:": `${(site.pvPeakW / 1000).toFixed(1)} kW`,
    "Battery Size:": `${(site.batteryCapacityWh / 1000).toFixed(1)} kWh`,
  };
}
