/*
 * Grid emission factors, kg CO2-e per kWh consumed, from the Australian National Greenhouse Accounts Factors.
 * Factors are yearly data: update them here, in one table with their year (docs: ../shared/energy-economics.md).
 */

export const CARBON_REGIONS = ["NSW_ACT", "VIC", "QLD", "SA", "WA_SWIS", "WA_NWIS", "TAS", "NT_DKIS", "AU"] as const;
export type CarbonRegion = (typeof CARBON_REGIONS)[number];

export interface EmissionFactor {
  region: CarbonRegion;
  label: string;
  /** Scope 2: emissions of generating the electricity. */
  scope2KgPerKwh: number;
  /** Scope 3: extraction, transport and network losses upstream. */
  scope3KgPerKwh: number;
}

export interface FactorTable {
  year: number;
  source: string;
  factors: Record<CarbonRegion, EmissionFactor>;
}

const f = (region: CarbonRegion, label: string, scope2KgPerKwh: number, scope3KgPerKwh: number): EmissionFactor => ({
  region,
  label,
  scope2KgPerKwh,
  scope3KgPerKwh,
});

export const NGA_2024: FactorTable = {
  year: 2024,
  source: "Australian National Greenhouse Accounts Factors 2024",
  factors: {
    NSW_ACT: f("NSW_ACT", "New South Wales and ACT", 0.66, 0.04),
    VIC: f("VIC", "Victoria", 0.77, 0.09),
    QLD: f("QLD", "Queensland", 0.71, 0.1),
    SA: f("SA", "South Australia", 0.23, 0.05),
    WA_SWIS: f("WA_SWIS", "Western Australia (SWIS)", 0.51, 0.06),
    WA_NWIS: f("WA_NWIS", "Western Australia (NWIS)", 0.61, 0.09),
    TAS: f("TAS", "Tasmania", 0.15, 0.03),
    NT_DKIS: f("NT_DKIS", "Northern Territory (DKIS)", 0.56, 0.07),
    AU: f("AU", "National average", 0.63, 0.07),
  },
};

/** The factors in use (the latest table). */
export const CURRENT_FACTORS = NGA_2024;

const BY_STATE: Record<string, CarbonRegion> = {
  NSW: "NSW_ACT",
  ACT: "NSW_ACT",
  VIC: "VIC",
  QLD: "QLD",
  SA: "SA",
  WA: "WA_SWIS",
  TAS: "TAS",
  NT: "NT_DKIS",
};

/** The grid region of an Australian state or territory code (WA → the SWIS, NT → Darwin–Katherine); AU otherwise. */
export function carbonRegionOfState(state: string | null | undefined): CarbonRegion {
  return (state && BY_STATE[state.toUpperCase()]) || "AU";
}

/** The grid region of an Australian IANA zone (Australia/Melbourne → VIC, Australia/Broken_Hill → NSW); null elsewhere. */
export function carbonRegionOfZone(zone: string | null | undefined): CarbonRegion | null {
  const city = zone?.startsWith("Australia/") ? zone.slice("Australia/".length) : null;
  if (!city) return null;
  const byCity: Record<string, CarbonRegion> = {
    Sydney: "NSW_ACT",
    Canberra: "NSW_ACT",
    ACT: "NSW_ACT",
    NSW: "NSW_ACT",
    Broken_Hill: "NSW_ACT",
    Yancowinna: "NSW_ACT",
    Lord_Howe: "NSW_ACT",
    LHI: "NSW_ACT",
    Melbourne: "VIC",
    Victoria: "VIC",
    Brisbane: "QLD",
    Lindeman: "QLD",
    Queensland: "QLD",
    Adelaide: "SA",
    South: "SA",
    Perth: "WA_SWIS",
    West: "WA_SWIS",
    Eucla: "WA_SWIS",
    Hobart: "TAS",
    Currie: "TAS",
    Tasmania: "TAS",
    Darwin: "NT_DKIS",
    North: "NT_DKIS",
  };
  return byCity[city] ?? null;
}

/** Whether a string names a carbon region. */
export function isCarbonRegion(v: unknown): v is CarbonRegion {
  return typeof v === "string" && (CARBON_REGIONS as readonly string[]).includes(v);
}

/**
 * A system's grid region: the one chosen in settings, else the state of its latest plan's public holidays, else its
 * metadata `state`, else its time zone, else the national average.
 */
export function systemCarbonRegion(s: {
  chosen?: string | null;
  planState?: string | null;
  metadata?: unknown;
  zone?: string | null;
}): { region: CarbonRegion; automatic: boolean } {
  if (isCarbonRegion(s.chosen)) return { region: s.chosen, automatic: false };
  const metaState = (s.metadata as { state?: unknown } | null)?.state;
  const state = s.planState ?? (typeof metaState === "string" ? metaState : null);
  const byState = carbonRegionOfState(state);
  const region = byState !== "AU" ? byState : (carbonRegionOfZone(s.zone) ?? "AU");
  return { region, automatic: true };
}

/** kg CO2-e per kWh for a region: scope 2, plus scope 3 when asked. */
export function gridFactor(region: CarbonRegion, opts: { scope3?: boolean; table?: FactorTable } = {}): number {
  const factor = (opts.table ?? CURRENT_FACTORS).factors[region];
  return factor.scope2KgPerKwh + (opts.scope3 ? factor.scope3KgPerKwh : 0);
}
