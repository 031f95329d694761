import { pathOfPoint } from "@/lib/points";
import type { AccountFlow, Capabilities, FlowCapability } from "./types";

/** The point columns capability detection reads (lib/db/queries/points.ts PointRow has them). */
export interface PlanPoint {
  id: number;
  displayName: string;
  type: string | null;
  subtype: string | null;
  extension: string | null;
  metricType: string;
  transform: "i" | "d" | null;
  active: boolean;
}

/**
 * One direction of one meter: an energy point (a lifetime counter, or vendor interval energy) and/or a power
 * point whose `sign` × average W > 0 is this direction's power (grid + import, battery + discharge).
 */
export interface Channel {
  energyId: number | null;
  /** The energy point is a lifetime counter (transform d); otherwise it is vendor interval energy. */
  counter: boolean;
  powerId: number | null;
  sign: 1 | -1;
}

export interface FlowPlan {
  channels: Channel[];
  capability: FlowCapability;
}

/** An extra load (EV, circuit): part of the home load, reported beside it. */
export interface LoadPlan {
  key: string;
  name: string;
  channel: Channel;
}

export interface AccountsPlan {
  flows: Record<AccountFlow, FlowPlan>;
  /** The system has no battery point at all: battery flows count 0 in the balance and show as unknown. */
  batteryAbsent: boolean;
  loads: LoadPlan[];
  /** Every point id the accounts read. */
  pointIds: number[];
}

interface Meter {
  head: string;
  energy: PlanPoint | null;
  power: PlanPoint | null;
}

const REASON = {
  solar: "this system reports no solar",
  load: "this system reports no home load",
  grid: "this system reports no grid meter",
  battery: "this system reports no battery energy or power",
  batteryAbsent: "this system reports no battery",
};

/** Groups active numeric energy/power points by path head (`type[.subtype[.extension]]`). */
function metersOf(points: PlanPoint[]): Map<string, Meter> {
  const meters = new Map<string, Meter>();
  for (const p of points) {
    if (!p.active || (p.metricType !== "energy" && p.metricType !== "power")) continue;
    const path = pathOfPoint(p);
    if (!path) continue;
    const head = path.slice(0, path.lastIndexOf("/"));
    const m = meters.get(head) ?? { head, energy: null, power: null };
    // The first point of a kind wins (ids ascend): a duplicate classification never double counts.
    if (p.metricType === "energy" && !m.energy) m.energy = p;
    if (p.metricType === "power" && !m.power) m.power = p;
    meters.set(head, m);
  }
  return meters;
}

const channel = (energy: PlanPoint | null, power: PlanPoint | null, sign: 1 | -1): Channel => ({
  energyId: energy?.id ?? null,
  counter: energy?.transform === "d",
  powerId: power?.id ?? null,
  sign,
});

const under = (meters: Map<string, Meter>, prefix: string, except: string[] = []) =>
  [...meters.values()].filter(
    (m) => m.head.startsWith(`${prefix}.`) && !except.includes(m.head.slice(prefix.length + 1).split(".")[0]),
  );

function capabilityOf(channels: Channel[]): FlowCapability {
  const ids = channels.flatMap((c) => [c.energyId, c.powerId]).filter((x): x is number => x !== null);
  const source = channels.every((c) => c.energyId !== null)
    ? channels.every((c) => c.counter)
      ? "counter"
      : "interval-energy"
    : "power";
  return { source, pointIds: [...new Set(ids)] };
}

/**
 * A bidirectional device (grid, battery): the standard meter (`bidi.<d>/power` with `bidi.<d>.<in|out>/energy`)
 * when the system has any of it; otherwise every other `bidi.<d>.<name>` meter's power, summed (energy counters
 * of such meters say no direction, so they are not used).
 */
function bidi(meters: Map<string, Meter>, device: string, inName: string, outName: string): [Channel[], Channel[]] {
  const power = meters.get(`bidi.${device}`)?.power ?? null;
  const inEnergy = meters.get(`bidi.${device}.${inName}`)?.energy ?? null;
  const outEnergy = meters.get(`bidi.${device}.${outName}`)?.energy ?? null;
  if (power || inEnergy || outEnergy) {
    return [
      inEnergy || power ? [channel(inEnergy, power, 1)] : [],
      outEnergy || power ? [channel(outEnergy, power, -1)] : [],
    ];
  }
  const others = under(meters, `bidi.${device}`, [inName, outName]).filter((m) => m.power);
  return [others.map((m) => channel(null, m.power, 1)), others.map((m) => channel(null, m.power, -1))];
}

/** A one-way device: its exact head when present, otherwise the sum of its parts (`source.solar.<part>`). */
function oneWay(meters: Map<string, Meter>, head: string, parts: boolean): Channel[] {
  const exact = meters.get(head);
  if (exact) return [channel(exact.energy, exact.power, 1)];
  return parts ? under(meters, head).map((m) => channel(m.energy, m.power, 1)) : [];
}

/**
 * What a system can know about each flow, from its points' types and paths (never its vendor): which points
 * measure each flow, which flows only the balance can give, and which devices it does not have.
 */
export function planAccounts(points: PlanPoint[]): AccountsPlan {
  const meters = metersOf(points);
  const solar = oneWay(meters, "source.solar", true);
  const load = oneWay(meters, "load", false);
  const [gridImport, gridExport] = bidi(meters, "grid", "import", "export");
  const [batteryDischarge, batteryCharge] = bidi(meters, "battery", "discharge", "charge");
  const batteryAbsent = !points.some((p) => p.active && p.type === "bidi" && p.subtype === "battery");

  const channels: Record<AccountFlow, Channel[]> = {
    solar,
    load,
    gridImport,
    gridExport,
    batteryCharge,
    batteryDischarge,
  };
  const has = (f: AccountFlow) => channels[f].length > 0;
  const batteryKnown = batteryAbsent || (has("batteryCharge") && has("batteryDischarge"));
  const gridKnown = has("gridImport") && has("gridExport");
  const flows = {} as Record<AccountFlow, FlowPlan>;
  const none = (reason: string): FlowCapability => ({ source: "none", pointIds: [], reason });
  const balance = (reason: string): FlowCapability => ({ source: "balance", pointIds: [], reason });
  for (const f of Object.keys(channels) as AccountFlow[]) {
    flows[f] = { channels: channels[f], capability: has(f) ? capabilityOf(channels[f]) : none("") };
  }
  if (!has("solar")) {
    flows.solar.capability =
      has("load") && gridKnown && batteryKnown ? balance("from the balance (no solar meter)") : none(REASON.solar);
  }
  if (!has("load")) {
    flows.load.capability =
      has("solar") && gridKnown && batteryKnown ? balance("from the balance (no load meter)") : none(REASON.load);
  }
  for (const f of ["gridImport", "gridExport"] as const) {
    if (has(f)) continue;
    flows[f].capability =
      has("solar") && has("load") && batteryKnown ? balance("from the balance (no grid meter)") : none(REASON.grid);
  }
  for (const f of ["batteryCharge", "batteryDischarge"] as const) {
    if (has(f)) continue;
    flows[f].capability = batteryAbsent
      ? { source: "absent", pointIds: [], reason: REASON.batteryAbsent }
      : has("solar") && has("load") && gridKnown
        ? balance("from the balance (no battery meter)")
        : none(REASON.battery);
  }

  // `load.ev.vehicle` holds a vehicle's own readings (energy added, lib/ev/points.ts), not a load the home measures.
  const loads: LoadPlan[] = under(meters, "load")
    .filter((m) => m.head !== "load.ev.vehicle")
    .map((m) => ({
      key: m.head,
      name: (m.power ?? m.energy)!.displayName.replace(/ energy$/i, ""),
      channel: channel(m.energy, m.power, 1),
    }));
  const all = [...Object.values(channels).flat(), ...loads.map((l) => l.channel)];
  const pointIds = [
    ...new Set(all.flatMap((c) => [c.energyId, c.powerId]).filter((x): x is number => x !== null)),
  ].sort((a, b) => a - b);
  return { flows, batteryAbsent, loads, pointIds };
}

/** The capabilities part of a plan (what the API reports). */
export function capabilitiesOf(plan: AccountsPlan): Capabilities {
  return Object.fromEntries(Object.entries(plan.flows).map(([f, p]) => [f, p.capability])) as Capabilities;
}
