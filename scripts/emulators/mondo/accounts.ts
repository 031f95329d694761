import type { SimState } from "../sim";

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
  circuits: MondoCircuit[];
}

export interface MondoAccount {
  email: string;
  password: string;
  organizations: Array<{ id: string; name: string; groups: MondoGroup[] }>;
}

const share = (f: number) => (s: SimState) => ({ w: s.loadW * f, wh: s.counters.loadWh * f });

/**
 * The circuits of a demo group: solar, battery (+ discharging; counter = energy discharged), the gate meter
 * (+ importing; counter = energy imported) and three load sub-circuits that split the household load.
 */
function circuits(prefix: string): MondoCircuit[] {
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
    { id: `${prefix}04`, name: "Air Conditioner", loadType: "Other", read: share(0.3) },
    { id: `${prefix}05`, name: "Hot Water", loadType: "Other", read: share(0.2) },
    { id: `${prefix}06`, name: "Power Points", loadType: "Other", read: share(0.5) },
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
              circuits: circuits("9b2e5f10-1001-4000-8000-0000000000"),
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
