import { DEMO_EPOCH_MS, type SiteConfig } from "../sim";

/** The OAuth client the emulator accepts (set TESLA_CLIENT_ID / TESLA_CLIENT_SECRET to these). */
export const TESLA_DEMO_APP = {
  clientId: "demo-tesla-client",
  clientSecret: "demo-tesla-secret",
} as const;

/**
 * A refresh token that always works for the demo user and is never rotated away, so a seeded demo system survives
 * emulator restarts: seed credentials { accessToken: "", refreshToken: this, expiresAtMs: 0 }. Each use still
 * returns a fresh rotating pair, as the real token endpoint does.
 */
export const TESLA_DEMO_REFRESH_TOKEN = "demo-tesla-refresh-token";

/** A Powerwall energy site: its listing and the simulated site behind it (the car's charging is part of its load). */
export interface TeslaEnergySite {
  /** 16-digit ids exist: always a string. */
  energySiteId: string;
  siteName: string;
  /** "battery" (a Powerwall site) or "solar" (solar only: no battery points). */
  resourceType: "battery" | "solar";
  site: SiteConfig;
  batteryCount: number;
  backupReservePct: number;
  /** Wall Connectors (DINs): live_status reports the home's charging power on the first. */
  wallConnectorDins?: string[];
}

/** A vehicle and the energy site it charges at (its home). */
export interface TeslaVehicle {
  id: string;
  vin: string;
  displayName: string;
  /** The site whose load includes this car's home charging. */
  homeSiteId: string;
  capacityKwh: number;
  chargeLimitPct: number;
}

/** The Tesla account OAuth auto-approves. */
export interface TeslaUser {
  uid: string;
  email: string;
  sites: TeslaEnergySite[];
  vehicles: TeslaVehicle[];
}

/** The demo home: a 6 kW array, one 13.5 kWh Powerwall, and a car charging 10:00–14:00 at 7 kW on most days. */
export const TESLA_DEMO_SITE: SiteConfig = {
  id: "tesla-1689000000000001",
  lat: -27.47,
  lng: 153.03,
  timezone: "Australia/Brisbane",
  pvPeakW: 6_000,
  remotePvPeakW: 0,
  batteryCapacityWh: 13_500,
  batteryMaxChargeW: 5_000,
  batteryMaxDischargeW: 5_000,
  minSocPct: 20,
  baseLoadW: 450,
  seed: 1689,
  epochMs: DEMO_EPOCH_MS,
  // 250 V × 28 A = 7 kW, what the car reports as voltage and current.
  ev: { powerW: 7_000, startMin: 600, endMin: 840, chargeDayShare: 0.8 },
};

/** A solar-only site of the same account (no battery: percentage_charged 0, total_pack_energy 1). */
export const TESLA_SOLAR_SITE: SiteConfig = {
  id: "tesla-1689000000000002",
  lat: -28.0,
  lng: 153.43,
  timezone: "Australia/Brisbane",
  pvPeakW: 5_000,
  remotePvPeakW: 0,
  batteryCapacityWh: 0,
  batteryMaxChargeW: 0,
  batteryMaxDischargeW: 0,
  minSocPct: 0,
  baseLoadW: 350,
  seed: 1690,
  epochMs: DEMO_EPOCH_MS,
};

/** The demo account: a Powerwall site with the car charging at it, and a solar-only site. */
/** The demo's Wall Connector: the Powerwall site measures the home's EV charger load itself (the demo turns it on). */
export const TESLA_DEMO_WALL_CONNECTORS: Record<string, string[]> = {
  "1689000000000001": ["1529455-02-D--PGT22001689"],
};

export function defaultTeslaUser(): TeslaUser {
  return {
    uid: "tesla-user-1",
    email: "demo@example.com",
    sites: [
      {
        energySiteId: "1689000000000001",
        siteName: "Brisbane Powerwall",
        resourceType: "battery",
        site: TESLA_DEMO_SITE,
        batteryCount: 1,
        backupReservePct: 20,
      },
      {
        energySiteId: "1689000000000002",
        siteName: "Gold Coast solar",
        resourceType: "solar",
        site: TESLA_SOLAR_SITE,
        batteryCount: 0,
        backupReservePct: 0,
      },
    ],
    vehicles: [
      {
        id: "3744000000000001",
        vin: "5YJ3E7EB0NF000001",
        displayName: "Sparky",
        homeSiteId: "1689000000000001",
        capacityKwh: 75,
        chargeLimitPct: 90,
      },
    ],
  };
}
