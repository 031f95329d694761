import { DEMO_SITES, evChargeDay, evChargingW, localTime, type SimState, type SiteConfig } from "../sim";

export type MondoLoadType = "PvInverter" | "HybridPv" | "HybridBattery" | "GateMeter" | "Hybridinverter" | "Other";

/** One monitored circuit of a group and how it follows the simulated site. */
export interface MondoCircuit {
  id: string;
  name: string;
  loadType: MondoLoadType;
  /** Power (W, signed: + into the home for battery and grid) and lifetime counter (Wh) from the simulator state. */
  read(s: SimState): { w: number; wh: number };
}

export interface MondoGroup {
  id: string;
  name: string;
  simSite: string;
  /** The simulated site when not DEMO_SITES[simSite] (Melbourne Home with its car). */
  site?: SiteConfig;
  circuits: MondoCircuit[];
}

/** Melbourne Home as Mondo monitors it: site 1001 with a car on an EV circuit, 7.4 kW 10:00–13:00 on most days. */
export const MONDO_EV_SITE: SiteConfig = {
  ...DEMO_SITES["1001"],
  id: "1001-ev",
  ev: { powerW: 7_400, startMin: 600, endMin: 780, chargeDayShare: 0.75 },
};

/** The car's lifetime energy (Wh) at the start of the minute of timeMs: every charging day since the epoch. */
export function evEnergyWh(site: SiteConfig, timeMs: number): number {
  const ev = site.ev;
  if (!ev) return 0;
  const first = localTime(site, site.epochMs ?? timeMs).localDay;
  const { localDay, minuteOfDay } = localTime(site, timeMs);
  let minutes = 0;
  for (let d = first; d < localDay; d++) if (evChargeDay(site, d)) minutes += ev.endMin - ev.startMin;
  if (evChargeDay(site, localDay)) minutes += Math.max(0, Math.min(minuteOfDay, ev.endMin) - ev.startMin);
  return (ev.powerW * minutes) / 60;
}

export interface MondoAccount {
  email: string;
  password: string;
  organizations: Array<{ id: string; name: string; groups: MondoGroup[] }>;
}

/** A share of the household load without the car's (the EV circuit measures that). */
const share = (f: number, site?: SiteConfig) => (s: SimState) => ({
  w: (s.loadW - (site ? evChargingW(site, s.timeMs) : 0)) * f,
  wh: (s.counters.loadWh - (site ? evEnergyWh(site, s.timeMs) : 0)) * f,
});

/**
 * The circuits of a demo group: solar, battery (+ discharging; counter = energy discharged), the gate meter
 * (+ importing; counter = energy imported) and three load sub-circuits that split the household load; with an
 * `ev` site, a fourth "EV Charger" circuit carries the car's charging (the mapper types it `load.ev`).
 */
function circuits(prefix: string, ev?: SiteConfig): MondoCircuit[] {
  const car: MondoCircuit[] = ev
    ? [
        {
          id: `${prefix}07`,
          name: "EV Charger",
          loadType: "Other",
          read: (s) => ({ w: evChargingW(ev, s.timeMs), wh: evEnergyWh(ev, s.timeMs) }),
        },
      ]
    : [];
  return [
    {
      id: `${prefix}01`,
      name: "Rooftop Solar",
      loadType: "PvInverter",
      read: (s) => ({ w: s.solarW, wh: s.counters.solarWh }),
    },
    {
      id: `${prefix}02`,
      name: "Home Battery",
      loadType: "HybridBattery",
      read: (s) => ({ w: s.batteryW, wh: s.counters.batteryOutWh }),
    },
    {
      id: `${prefix}03`,
      name: "Grid Meter",
      loadType: "GateMeter",
      read: (s) => ({ w: s.gridW, wh: s.counters.gridInWh }),
    },
    { id: `${prefix}04`, name: "Air Conditioner", loadType: "Other", read: share(0.3, ev) },
    { id: `${prefix}05`, name: "Hot Water", loadType: "Other", read: share(0.2, ev) },
    { id: `${prefix}06`, name: "Power Points", loadType: "Other", read: share(0.5, ev) },
    ...car,
  ];
}

/** Demo group ids (monitoring point group uuids) by the simulator site they follow. */
export const MONDO_DEMO_GROUPS = {
  "1001": "7d1c2a9e-0000-4000-8000-000000001001",
  "1002": "7d1c2a9e-0000-4000-8000-000000001002",
};

/** The demo logins: one organisation with two groups, and another account with one. */
export function defaultMondoAccounts(): MondoAccount[] {
  return [
    {
      email: "demo@example.com",
      password: "demo-password",
      organizations: [
        {
          id: "4f0a6c3b-0000-4000-8000-00000000a001",
          name: "Demo Household",
          groups: [
            {
              id: MONDO_DEMO_GROUPS["1001"],
              name: "Melbourne Home",
              simSite: "1001",
              site: MONDO_EV_SITE,
              circuits: circuits("9b2e5f10-1001-4000-8000-0000000000", MONDO_EV_SITE),
            },
            {
              id: MONDO_DEMO_GROUPS["1002"],
              name: "Adelaide Home",
              simSite: "1002",
              circuits: circuits("9b2e5f10-1002-4000-8000-0000000000"),
            },
          ],
        },
      ],
    },
    {
      email: "other@example.com",
      password: "other-password",
      organizations: [
        {
          id: "4f0a6c3b-0000-4000-8000-00000000a003",
          name: "Sydney Household",
          groups: [
            {
              id: "7d1c2a9e-0000-4000-8000-000000001003",
              name: "Sydney Home",
              simSite: "1003",
              circuits: circuits("9b2e5f10-1003-4000-8000-0000000000"),
            },
          ],
        },
      ],
    },
  ];
}
