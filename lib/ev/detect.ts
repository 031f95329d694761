/**
 * Session detection on a grid of 5-minute intervals (pure). A charger session is a run of intervals in which the
 * EV load point's average power reaches MIN_CHARGING_W, short pauses (at most MAX_PAUSE_INTERVALS) included. A
 * vehicle session is a run in which the vehicle reports charging (or its energy added grows) while no charger of
 * the home measured a session: charging somewhere else, or on a circuit the home does not measure.
 */
import { PROVENANCES, type Provenance } from "@/lib/accounts/types";
import type { ChargerKind, SessionSource } from "./types";

export const INTERVAL_MS = 300_000;
const HOURS = INTERVAL_MS / 3_600_000;
/** Average W in an interval from which it counts as charging (below: standby, a fan, a contactor's coil). */
export const MIN_CHARGING_W = 300;
/** Intervals of pause inside a session (a load balancer's dip, the car's own pauses) that do not end it. */
export const MAX_PAUSE_INTERVALS = 3;
/** Above this (peak, or average for a vehicle session) a session counts as DC fast charging. */
export const DC_ABOVE_W = 22_000;
/** Vehicle charging states that mean energy is flowing. */
export const CHARGING_STATE = /^(charging|starting)$/i;

export interface ChargerSeries {
  key: string;
  name: string;
  /** Energy per interval, Wh; NaN unknown. */
  wh: ArrayLike<number>;
  /** Highest power seen in the interval, W; NaN unknown (the interval's average is used then). */
  peakW: ArrayLike<number>;
  prov: ArrayLike<Provenance>;
}

export interface VehicleSeries {
  /** Whether the vehicle reported charging in the interval; null unknown. */
  charging: ArrayLike<boolean | null>;
  /** The energy-added counter at the end of the interval, Wh (restarts at 0 each session); NaN unknown. */
  addedWh: ArrayLike<number>;
  batteryPct: ArrayLike<number>;
  lat: ArrayLike<number>;
  lng: ArrayLike<number>;
}

export interface DetectInput {
  firstEndMs: number;
  count: number;
  chargers: ChargerSeries[];
  vehicle?: VehicleSeries | null;
  /** The grid's last interval is the newest ended one: a session reaching it is ongoing. */
  open: boolean;
}

export interface DetectedSession {
  chargerKey: string;
  chargerName: string;
  source: SessionSource;
  /** First and last interval index (inclusive). */
  lo: number;
  hi: number;
  startMs: number;
  endMs: number;
  ongoing: boolean;
  /** The car's energy per interval lo..hi, Wh; NaN unknown. */
  wh: number[];
  energyWh: number | null;
  energyProvenance: Provenance | "vehicle";
  peakW: number | null;
  chargerKind: ChargerKind | null;
  batteryStartPct: number | null;
  batteryEndPct: number | null;
  /** The vehicle's newest position during the session, when reported. */
  lat: number | null;
  lng: number | null;
}

const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && !Number.isNaN(v);

/** Runs [lo, hi] of true flags, joining runs whose gap is at most maxGap. */
export function runsOf(flags: readonly boolean[], maxGap: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < flags.length; i++) {
    if (!flags[i]) continue;
    const last = runs[runs.length - 1];
    if (last && i - last[1] - 1 <= maxGap) last[1] = i;
    else runs.push([i, i]);
  }
  return runs;
}

/** Energy added per interval from a counter that restarts at 0 for each session (a drop is a restart). */
export function addedIncrements(added: ArrayLike<number>): number[] {
  const out = new Array<number>(added.length).fill(NaN);
  let prev: number | null = null;
  for (let i = 0; i < added.length; i++) {
    const v = added[i];
    if (!known(v)) continue;
    out[i] = prev === null ? 0 : v >= prev ? v - prev : v;
    prev = v;
  }
  return out;
}

function firstKnown(a: ArrayLike<number> | undefined, from: number, to: number, step: 1 | -1): number | null {
  if (!a) return null;
  for (let i = from; step > 0 ? i <= to : i >= to; i += step) {
    if (i >= 0 && i < a.length && known(a[i])) return a[i];
  }
  return null;
}

const leastDirect = (provs: Provenance[]): Provenance =>
  provs.reduce<Provenance>(
    (a, p) => (PROVENANCES.indexOf(p) > PROVENANCES.indexOf(a) ? p : a),
    provs.length ? "measured" : "unknown",
  );

function sumKnown(values: number[]): number | null {
  let sum = 0;
  let any = false;
  for (const v of values) {
    if (!known(v)) continue;
    sum += v;
    any = true;
  }
  return any ? sum : null;
}

/** Sessions in a window, oldest first (charger sessions, then vehicle sessions where no charger saw one). */
export function detectSessions(input: DetectInput): DetectedSession[] {
  const { count, firstEndMs, vehicle } = input;
  const endOf = (i: number) => firstEndMs + i * INTERVAL_MS;
  const out: DetectedSession[] = [];
  const covered = new Array<boolean>(count).fill(false);
  const vehicleBits = (lo: number, hi: number) => ({
    batteryStartPct: firstKnown(vehicle?.batteryPct, lo - 1, hi, 1),
    batteryEndPct: firstKnown(vehicle?.batteryPct, Math.min(count - 1, hi + 1), lo, -1),
    lat: firstKnown(vehicle?.lat, hi, lo, -1),
    lng: firstKnown(vehicle?.lng, hi, lo, -1),
  });

  for (const c of input.chargers) {
    const flags = Array.from({ length: count }, (_, i) => known(c.wh[i]) && c.wh[i] / HOURS >= MIN_CHARGING_W);
    for (const [lo, hi] of runsOf(flags, MAX_PAUSE_INTERVALS)) {
      const wh: number[] = [];
      const provs: Provenance[] = [];
      let peak: number | null = null;
      for (let i = lo; i <= hi; i++) {
        wh.push(known(c.wh[i]) ? c.wh[i] : NaN);
        if (known(c.wh[i])) provs.push(c.prov[i]);
        const p = known(c.peakW[i]) ? c.peakW[i] : known(c.wh[i]) ? c.wh[i] / HOURS : null;
        if (p !== null && (peak === null || p > peak)) peak = p;
        covered[i] = true;
      }
      out.push({
        chargerKey: c.key,
        chargerName: c.name,
        source: "charger",
        lo,
        hi,
        startMs: endOf(lo) - INTERVAL_MS,
        endMs: endOf(hi),
        ongoing: input.open && hi === count - 1,
        wh,
        energyWh: sumKnown(wh),
        energyProvenance: leastDirect(provs),
        peakW: peak,
        chargerKind: peak === null ? null : peak > DC_ABOVE_W ? "dc" : "ac",
        ...vehicleBits(lo, hi),
      });
    }
  }

  if (vehicle) {
    const inc = addedIncrements(vehicle.addedWh);
    const flags = Array.from(
      { length: count },
      (_, i) => !covered[i] && (vehicle.charging[i] === true || (known(inc[i]) && inc[i] > MIN_CHARGING_W * HOURS)),
    );
    for (const [lo, hi] of runsOf(flags, MAX_PAUSE_INTERVALS)) {
      const wh = inc.slice(lo, hi + 1).map((v) => (known(v) ? v : NaN));
      const hasCounter = Array.from({ length: count }, (_, i) => vehicle.addedWh[i]).some(known);
      const energyWh = hasCounter ? (sumKnown(wh) ?? 0) : null;
      const avgW = energyWh === null ? null : energyWh / ((hi - lo + 1) * HOURS);
      out.push({
        chargerKey: "vehicle",
        chargerName: "Vehicle",
        source: "vehicle",
        lo,
        hi,
        startMs: endOf(lo) - INTERVAL_MS,
        endMs: endOf(hi),
        ongoing: input.open && hi === count - 1,
        wh,
        energyWh,
        energyProvenance: "vehicle",
        peakW: null,
        chargerKind: avgW === null || avgW === 0 ? null : avgW > DC_ABOVE_W ? "dc" : "ac",
        ...vehicleBits(lo, hi),
      });
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs || a.chargerKey.localeCompare(b.chargerKey));
}
