/** One emulated site: where it is, what is installed, and the seed that makes its weather and habits repeatable. */
export interface SiteConfig {
  id: string;
  lat: number;
  lng: number;
  /** IANA zone; drives the household's daily rhythm and the "today" counters. */
  timezone: string;
  /** Total PV peak (W), local DC-coupled plus remote AC-coupled. */
  pvPeakW: number;
  /** The AC-coupled (remote) share of pvPeakW in W; 0 when all PV is DC-coupled. */
  remotePvPeakW: number;
  batteryCapacityWh: number;
  batteryMaxChargeW: number;
  batteryMaxDischargeW: number;
  minSocPct: number;
  baseLoadW: number;
  seed: number;
  /** Days simulated before the earliest asked time so the battery state has settled (default 35). */
  warmupDays?: number;
  /**
   * Fixed start of the simulation (ms, floored to UTC midnight). With it, values are identical in every process
   * whatever was asked first (at the cost of stepping from it); without it the start follows the earliest request.
   */
  epochMs?: number;
  /** An electric car that charges at home on most days (part of the load): see sim/ev.ts. */
  ev?: EvConfig;
}

/** A home-charged car: on charging days it draws powerW from local minute startMin to endMin. */
export interface EvConfig {
  powerW: number;
  startMin: number;
  endMin: number;
  /** Share of days the car charges at home (seeded per local day), 0..1. */
  chargeDayShare: number;
}

/** Lifetime meters in Wh at the start of a minute. */
export interface SimCounters {
  solarWh: number;
  loadWh: number;
  batteryInWh: number;
  batteryOutWh: number;
  gridInWh: number;
  gridOutWh: number;
}

/**
 * The simulated state of one minute: powers are the average over the minute starting at timeMs, SOC and counters
 * are their values at timeMs. Sign: battery + discharging, grid + import, so loadW = solarW + batteryW + gridW.
 */
export interface SimState {
  timeMs: number;
  solarW: number;
  solarLocalW: number;
  solarRemoteW: number;
  loadW: number;
  batteryW: number;
  gridW: number;
  socPct: number;
  counters: SimCounters;
}

/** True energy and average power over an interval (endMs − minutes, endMs], from the counters. */
export interface IntervalTruth {
  startMs: number;
  endMs: number;
  energyWh: SimCounters;
  avgW: { solar: number; solarLocal: number; solarRemote: number; load: number; battery: number; grid: number };
}
