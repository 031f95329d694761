import { DEMO_EPOCH_MS, type SiteConfig } from "../sim";

/** The OAuth client and API key the emulator accepts (set ENPHASE_CLIENT_ID / _SECRET / _API_KEY to these). */
export const ENPHASE_DEMO_APP = {
  clientId: "demo-enphase-client",
  clientSecret: "demo-enphase-secret",
  apiKey: "demo-enphase-api-key",
} as const;

/**
 * A refresh token that always works for the demo user (and is never rotated away), so a seeded demo system
 * survives emulator restarts: seed credentials { accessToken: "", refreshToken: this, expiresAtMs: 0 }.
 */
export const ENPHASE_DEMO_REFRESH_TOKEN = "demo-enphase-refresh-token";

/** An Enlighten system: its public listing and the simulated site behind it. */
export interface EnphaseSystem {
  systemId: number;
  name: string;
  status: string;
  address: { city: string; state: string; country: string; postal_code: string };
  site: SiteConfig;
  /**
   * Micro-inverters that have stopped reporting (a real day showed 49 of 50 all day): `devices_reporting` stays
   * this many below `total_devices` in daylight. The simulated array is the working micros, so production is
   * unchanged.
   */
  deadDevices?: number;
}

/** The Enlighten user OAuth auto-approves, and the systems of its account. */
export interface EnphaseUser {
  enlUid: number;
  email: string;
  systems: EnphaseSystem[];
}

const site = (id: string, lat: number, lng: number, timezone: string, pvPeakW: number, seed: number): SiteConfig => ({
  id: `enphase-${id}`,
  lat,
  lng,
  timezone,
  pvPeakW,
  remotePvPeakW: 0,
  batteryCapacityWh: 10_000,
  batteryMaxChargeW: 5_000,
  batteryMaxDischargeW: 5_000,
  minSocPct: 10,
  baseLoadW: 400,
  seed,
  epochMs: DEMO_EPOCH_MS,
});

/** The demo account: two systems, one in a zone with daylight saving (Sydney) and one without (Brisbane). */
export function defaultEnphaseUser(): EnphaseUser {
  return {
    enlUid: 100_001,
    email: "demo@example.com",
    systems: [
      {
        systemId: 2875301,
        name: "Sydney Rooftop",
        status: "normal",
        address: { city: "Sydney", state: "NSW", country: "AU", postal_code: "2000" },
        site: site("2875301", -33.87, 151.21, "Australia/Sydney", 6_600, 2875301),
      },
      {
        systemId: 2875302,
        name: "Brisbane Shed",
        status: "normal",
        deadDevices: 1,
        address: { city: "Brisbane", state: "QLD", country: "AU", postal_code: "4000" },
        site: site("2875302", -27.47, 153.03, "Australia/Brisbane", 4_400, 2875302),
      },
    ],
  };
}

/** Microinverter count of a system (about one per 300 W of panels), as `total_devices`. */
export function deviceCount(s: EnphaseSystem): number {
  return Math.max(1, Math.round(s.site.pvPeakW / 300));
}
