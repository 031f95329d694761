import { DateTime } from "luxon";
import type { Simulator } from "../sim";
import { deviceCount, type EnphaseSystem } from "./accounts";

const FIVE_MIN_S = 300;

/** One production_micro interval: `end_at` is the END of its five minutes (Unix s). */
export interface MicroInterval {
  end_at: number;
  devices_reporting: number;
  powr: number;
  enwh: number;
}

/** The query of a telemetry call, already validated: a local day window clamped to now. */
export interface TelemetryWindow {
  startS: number;
  endS: number;
}

/**
 * The window a production_micro request asks for, or an error: no params → today so far (local midnight to the
 * last finished interval); start_at (+ end_at, granularity=day) → that local day, clamped to now; future → 422.
 */
export function telemetryWindow(
  sys: EnphaseSystem,
  query: URLSearchParams,
  nowMs: number,
): TelemetryWindow | { status: number; details: string } {
  const zone = sys.site.timezone;
  const nowS = Math.floor(nowMs / 1000);
  const lastEnd = nowS - (nowS % FIVE_MIN_S);
  const startParam = query.get("start_at");
  if (startParam === null) {
    const midnight = DateTime.fromMillis(nowMs, { zone }).startOf("day").toSeconds();
    return { startS: midnight, endS: lastEnd };
  }
  const startS = Number(startParam);
  const endParam = query.get("end_at");
  const granularity = query.get("granularity") ?? "day";
  if (!Number.isInteger(startS) || (endParam !== null && !Number.isInteger(Number(endParam)))) {
    return { status: 422, details: "start_at and end_at must be Unix timestamps in seconds" };
  }
  if (granularity !== "day") return { status: 422, details: `granularity must be day (got ${granularity})` };
  if (startS > nowS) return { status: 422, details: "Requested date range is in the future" };
  const dayEnd = DateTime.fromSeconds(startS, { zone }).startOf("day").plus({ days: 1 }).toSeconds();
  const wanted = endParam === null ? dayEnd : Number(endParam);
  if (wanted <= startS) return { status: 422, details: "end_at must be after start_at" };
  return { startS, endS: Math.min(wanted, dayEnd, lastEnd) };
}

/** Intervals ending in (startS, endS] from the simulator: average W and interval Wh, as integers like the API. */
export function microIntervals(sim: Simulator, sys: EnphaseSystem, w: TelemetryWindow): MicroInterval[] {
  const out: MicroInterval[] = [];
  const first = Math.floor(w.startS / FIVE_MIN_S) * FIVE_MIN_S + FIVE_MIN_S;
  const devices = deviceCount(sys) - (sys.deadDevices ?? 0);
  for (let end = first; end <= w.endS; end += FIVE_MIN_S) {
    const t = sim.intervalTruth(sys.site, end * 1000, 5);
    const enwh = Math.round(t.energyWh.solarWh);
    out.push({ end_at: end, devices_reporting: enwh > 0 ? devices : 0, powr: Math.round(t.avgW.solar), enwh });
  }
  return out;
}
