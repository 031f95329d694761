import { rand01 } from "./random";
import type { SiteConfig } from "./types";

/** Demo sites start on 2025-06-01 so their meters read the same in every run (a restarted demo continues smoothly). */
export const DEMO_EPOCH_MS = Date.UTC(2025, 5, 1);

/** Demo sites with fixed, documented parameters (ids are the select.live system numbers). */
export const DEMO_SITES: Record<string, SiteConfig> = {
  "1001": {
    id: "1001",
    lat: -37.81,
    lng: 144.96,
    timezone: "Australia/Melbourne",
    pvPeakW: 13_000,
    remotePvPeakW: 5_000,
    batteryCapacityWh: 40_000,
    batteryMaxChargeW: 7_500,
    batteryMaxDischargeW: 7_500,
    minSocPct: 20,
    baseLoadW: 550,
    seed: 1001,
    epochMs: DEMO_EPOCH_MS,
  },
  "1002": {
    id: "1002",
    lat: -34.93,
    lng: 138.6,
    timezone: "Australia/Adelaide",
    pvPeakW: 6_600,
    remotePvPeakW: 0,
    batteryCapacityWh: 13_500,
    batteryMaxChargeW: 5_000,
    batteryMaxDischargeW: 5_000,
    minSocPct: 15,
    baseLoadW: 380,
    seed: 1002,
    epochMs: DEMO_EPOCH_MS,
  },
  "1003": {
    id: "1003",
    lat: -33.87,
    lng: 151.21,
    timezone: "Australia/Sydney",
    pvPeakW: 5_000,
    remotePvPeakW: 0,
    batteryCapacityWh: 10_000,
    batteryMaxChargeW: 5_000,
    batteryMaxDischargeW: 5_000,
    minSocPct: 10,
    baseLoadW: 420,
    seed: 1003,
    epochMs: DEMO_EPOCH_MS,
  },
};

const BENCH_LOCATIONS: Array<[number, number, string]> = [
  [-37.81, 144.96, "Australia/Melbourne"],
  [-34.93, 138.6, "Australia/Adelaide"],
  [-33.87, 151.21, "Australia/Sydney"],
  [-27.47, 153.03, "Australia/Brisbane"],
  [-31.95, 115.86, "Australia/Perth"],
  [-42.88, 147.33, "Australia/Hobart"],
  [-12.46, 130.84, "Australia/Darwin"],
  [-35.28, 149.13, "Australia/Sydney"],
];

/** A seeded site for any id: a plausible home system at one of a few Australian cities (used for benchmarks). */
export function seededSite(id: string, seed: number): SiteConfig {
  const [lat, lng, timezone] = BENCH_LOCATIONS[Math.floor(rand01(seed, 1, 401) * BENCH_LOCATIONS.length)];
  const pvPeakW = Math.round(3_000 + 12_000 * rand01(seed, 2, 401));
  const batteryCapacityWh = Math.round(5_000 + 25_000 * rand01(seed, 3, 401));
  const rate = Math.round(Math.min(7_500, Math.max(3_000, batteryCapacityWh / 3)));
  return {
    id,
    lat,
    lng,
    timezone,
    pvPeakW,
    remotePvPeakW: rand01(seed, 4, 401) < 0.3 ? Math.round(pvPeakW * 0.4) : 0,
    batteryCapacityWh,
    batteryMaxChargeW: rate,
    batteryMaxDischargeW: rate,
    minSocPct: 10 + Math.floor(rand01(seed, 5, 401) * 3) * 5,
    baseLoadW: Math.round(250 + 450 * rand01(seed, 6, 401)),
    seed,
    // No warm-up keeps 10,000 sites cheap (start at the UTC midnight before the first request, seeded SOC).
    warmupDays: 0,
  };
}
