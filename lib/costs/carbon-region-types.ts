import type { CarbonRegion } from "@/lib/carbon/factors";

/** GET/PUT /api/systems/{system}/costs/carbon-region (types only: safe for client components). */
export interface CarbonRegionSetting {
  /** The region in use, and whether it is the automatic one. */
  region: CarbonRegion;
  automatic: boolean;
  /** What automatic would give (latest plan's holiday state, metadata state, time zone, national average). */
  automaticRegion: CarbonRegion;
  options: Array<{ region: CarbonRegion; label: string; kgPerKwh: number }>;
  source: string;
}
