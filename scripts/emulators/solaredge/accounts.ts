import { DEMO_EPOCH_MS, type SiteConfig } from "../sim";

/** The account API key the emulator accepts for the demo sites. */
export const SOLAREDGE_DEMO_KEY = "DEMOSOLAREDGEKEY0123456789ABCDEF";
/** A second account (its own key and site), to show keys cannot read each other's sites. */
export const SOLAREDGE_OTHER_KEY = "OTHERSOLAREDGEKEY0123456789ABCDE";

/** A monitored SolarEdge site and the simulated installation behind it. */
export interface SolarEdgeSite {
  siteId: number;
  name: string;
  city: string;
  /**
   * The unit currentPowerFlow reports in: "kW" as every recorded flow with a unit, "W" (accepted), or null for a
   * flow that omits `unit` and sends kW numbers (a real quirk).
   */
  unit: "kW" | "W" | null;
  /** Sends `currentPower` and `chargeLevel` as numeric strings ("4.021"), as some real flows do. */
  stringNumbers?: boolean;
  site: SiteConfig;
}

const sim = (
  id: number,
  lat: number,
  lng: number,
  timezone: string,
  pvPeakW: number,
  batteryWh: number,
): SiteConfig => ({
  id: `solaredge-${id}`,
  lat,
  lng,
  timezone,
  pvPeakW,
  remotePvPeakW: 0,
  batteryCapacityWh: batteryWh,
  batteryMaxChargeW: 5_000,
  batteryMaxDischargeW: 5_000,
  minSocPct: 10,
  baseLoadW: 450,
  seed: id,
  epochMs: DEMO_EPOCH_MS,
});

/** API key → its sites (a fresh copy per emulator instance). */
export function defaultSolarEdgeAccounts(): Map<string, SolarEdgeSite[]> {
  return new Map([
    [
      SOLAREDGE_DEMO_KEY,
      [
        {
          siteId: 3101,
          name: "Perth Family Home",
          city: "Perth",
          unit: "kW",
          site: sim(3101, -31.95, 115.86, "Australia/Perth", 8_000, 13_500),
        },
        {
          siteId: 3102,
          name: "Hobart Cottage",
          city: "Hobart",
          unit: null,
          site: sim(3102, -42.88, 147.33, "Australia/Hobart", 5_000, 9_700),
        },
      ],
    ],
    [
      SOLAREDGE_OTHER_KEY,
      [
        {
          siteId: 3103,
          name: "Darwin Unit",
          city: "Darwin",
          unit: "kW",
          stringNumbers: true,
          site: sim(3103, -12.46, 130.84, "Australia/Darwin", 4_000, 10_000),
        },
      ],
    ],
  ]);
}
