/**
 * Charging sessions (issue #19), the API contract. Types only: safe to import from client components.
 * Units: Wh, W, %, cents, g CO2-e, ms UTC; days are the system's local days. Unknown is null, never 0.
 */
import type { Provenance } from "@/lib/accounts/types";

export type SessionSource = "charger" | "vehicle";
export type SessionLocation = "home" | "away" | "unknown";
export type ChargerKind = "ac" | "dc";

/** Where a session's energy came from, Wh (null when the home's accounts cannot say). */
export interface SessionSupply {
  solarWh: number | null;
  batteryWh: number | null;
  gridWh: number | null;
  /** Energy in intervals whose home supply split is unknown (or the whole session when away or unknown). */
  unattributedWh: number | null;
}

export interface SessionDetail {
  /** How the session's energy was obtained: the EV load point's accounts provenance, or the vehicle's counter. */
  energyProvenance: Provenance | "vehicle";
  /** The least direct provenance of the home flows the supply split read (unknown when not split). */
  supplyProvenance: Provenance;
  /** Why the solar share is null or partial ("charged away from home: no solar share"). */
  shareNote?: string;
  /** Why the cost is null, or how it was computed. */
  costNote?: string;
  emissionsNote?: string;
}

export interface ChargingSession {
  /** Stable id: `${chargerKey}@${startMs}`. */
  id: string;
  /** The EV load point's path head ("load.ev", "load.ev.garage") or "vehicle". */
  chargerKey: string;
  chargerName: string;
  source: SessionSource;
  /** Start of the first 5-minute interval with charging; end of the last. */
  startMs: number;
  endMs: number;
  /** Local day of the start. */
  day: string;
  /** Still charging at the newest data. */
  ongoing: boolean;
  energyWh: number | null;
  peakW: number | null;
  chargerKind: ChargerKind | null;
  location: SessionLocation;
  /** Distance of the vehicle from the system's location, when both are known. */
  distanceM: number | null;
  supply: SessionSupply;
  /** Solar share of the session's energy, %; null away from home or when the home's split is unknown. */
  solarSharePct: number | null;
  /** Grid share × the interval's effective import price (tariff engine), fractional cents. */
  costCents: number | null;
  /** Grid share × the region's grid factor, grams CO2-e. */
  emissionsG: number | null;
  batteryStartPct: number | null;
  batteryEndPct: number | null;
  detail: SessionDetail;
}

/** One month of sessions added up (only sessions that start in it). */
export interface EvMonthSummary {
  /** YYYY-MM */
  month: string;
  sessions: number;
  energyWh: number | null;
  solarWh: number | null;
  /** solarWh / the energy of the sessions whose split is known × 100. */
  solarSharePct: number | null;
  costCents: number | null;
  emissionsG: number | null;
  /** Km driven in the month's part of the range, from the vehicle's odometer; null without two readings. */
  kmDriven: number | null;
  /**
   * costCents per 100 km driven; null without km driven, without a cost, or when any session of the month charged
   * away from home or at an unknown place (the price paid there is not known).
   */
  costPer100KmCents: number | null;
}

/** Now: the newest ended 5-minute interval of the EV load point and the vehicle's newest values. */
export interface EvStatus {
  atMs: number | null;
  charging: boolean;
  powerW: number | null;
  /** Solar share of the newest interval's charging, %; null when not charging or unknown. */
  solarSharePct: number | null;
  batteryPct: number | null;
  /** The vehicle's charging state text, as reported ("Charging", "Complete" …). */
  chargingState: string | null;
}

/** GET /api/systems/{system}/charging-sessions. */
export interface ChargingSessionsResponse {
  systemId: number;
  displayTimezone: string;
  from: string;
  to: string;
  /** The system has an EV load point (or vehicle points). */
  hasEv: boolean;
  chargers: Array<{ key: string; name: string }>;
  hasVehicle: boolean;
  /** Oldest first. */
  sessions: ChargingSession[];
  months: EvMonthSummary[];
  status: EvStatus | null;
  /** How the figures are computed, one line each. */
  notes: string[];
}
