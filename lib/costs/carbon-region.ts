import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { CARBON_REGIONS, CURRENT_FACTORS, gridFactor, systemCarbonRegion, type CarbonRegion } from "@/lib/carbon";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { plansOf } from "./job";
import type { CarbonRegionSetting } from "./carbon-region-types";
import { loadCarbonRegion, saveCarbonRegion } from "./store";

export type { CarbonRegionSetting };

/** Body of PUT /api/systems/{system}/costs/carbon-region: a region, or null for automatic. */
export const carbonRegionBodySchema = z
  .object({
    region: z
      .enum(CARBON_REGIONS, {
        errorMap: () => ({ message: `region must be one of ${CARBON_REGIONS.join(", ")} or null` }),
      })
      .nullable(),
  })
  .strict();

/** A system's carbon region setting with the choices (404 for a removed system). */
export async function getCarbonRegionSetting(systemId: number): Promise<CarbonRegionSetting> {
  const [[system], plans, chosen] = await Promise.all([
    listPipelineSystems([systemId]),
    plansOf(systemId),
    loadCarbonRegion(systemId),
  ]);
  if (!system || system.status === "removed") throw new ApiError("NOT_FOUND", "No such system");
  const facts = {
    planState: plans.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[plans.length - 1]?.holidays.region,
    metadata: system.metadata,
    zone: system.displayTimezone,
  };
  const current = systemCarbonRegion({ ...facts, chosen });
  return {
    ...current,
    automaticRegion: systemCarbonRegion(facts).region,
    options: CARBON_REGIONS.map((region) => ({
      region,
      label: CURRENT_FACTORS.factors[region].label,
      kgPerKwh: gridFactor(region),
    })),
    source: CURRENT_FACTORS.source,
  };
}

/** Chooses a system's carbon region (null: automatic). Stored days are rescaled on read, not priced again. */
export async function setCarbonRegion(systemId: number, region: CarbonRegion | null): Promise<CarbonRegionSetting> {
  await saveCarbonRegion(systemId, region);
  return getCarbonRegionSetting(systemId);
}
