/**
 * A session's supply split, cost and emissions from the home's 5-minute energy accounts (pure). The car's energy
 * in each interval is split like the home's supply in that interval (solar→home, battery→home, grid→home of the
 * accounts' attribution), then summed over the session. Cost: the grid part of each interval × that interval's
 * effective import price (the tariff engine's import cents ÷ the home's import Wh, so time of use, blocks and tax
 * apply as on the bill); solar and battery energy cost nothing here (no forgone feed-in). Emissions: the grid part
 * × the region's grid factor. Away from home (or where unknown) there is no split: null, with a note.
 */
import { PROVENANCES, type Provenance } from "@/lib/accounts/types";
import type { SessionDetail, SessionLocation, SessionSupply } from "./types";

/** The home's accounts of one interval, as the split needs them. */
export interface HomeInterval {
  endMs: number;
  solarToHome: number | null;
  batteryToHome: number | null;
  gridToHome: number | null;
  /** The home's grid import, Wh, and what the tariff engine priced it at (null: unknown or no plan). */
  importWh: number | null;
  importCents: number | null;
  /** The least direct provenance among the flows the split read. */
  provenance: Provenance;
}

/** Split share of the energy from which a solar share is still given (on the split part). */
export const MIN_SPLIT_COVERAGE = 0.95;

export interface ShareResult {
  supply: SessionSupply;
  solarSharePct: number | null;
  costCents: number | null;
  emissionsG: number | null;
  detail: Omit<SessionDetail, "energyProvenance">;
}

const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && !Number.isNaN(v);

export interface ShareOptions {
  location: SessionLocation;
  /** g CO2-e per Wh of grid energy (= kg/kWh); null when no factor applies. */
  gramsPerWh: number | null;
  /** The system has a tariff plan covering the session's days. */
  priced: boolean;
}

/** The split of a session whose car energy per interval is `wh`, against `home` (same indices; undefined = none). */
export function shareOf(
  wh: readonly number[],
  home: ReadonlyArray<HomeInterval | undefined>,
  opts: ShareOptions,
): ShareResult {
  const total = wh.reduce((a, v) => a + (known(v) ? v : 0), 0);
  if (opts.location !== "home") {
    const why =
      opts.location === "away"
        ? "charged away from home: no solar share"
        : "where it charged is not known: no solar share";
    return {
      supply: { solarWh: null, batteryWh: null, gridWh: null, unattributedWh: total },
      solarSharePct: null,
      costCents: null,
      emissionsG: null,
      detail: {
        supplyProvenance: "unknown",
        shareNote: why,
        costNote: "charged away from home: the price paid there is not known",
        emissionsNote: "charged away from home: not known",
      },
    };
  }
  let solar = 0;
  let battery = 0;
  let grid = 0;
  let split = 0;
  let unattributed = 0;
  let unknownEnergy = false;
  let cost: number | null = 0;
  let prov = 0;
  for (let i = 0; i < wh.length; i++) {
    const w = wh[i];
    if (!known(w)) {
      unknownEnergy = true;
      continue;
    }
    if (w === 0) continue;
    const h = home[i];
    const supply = h ? [h.solarToHome, h.batteryToHome, h.gridToHome] : [];
    const t = supply.reduce<number>((a, v) => a + (known(v) ? v : 0), 0);
    if (!h || !supply.every(known) || t <= 0) {
      unattributed += w;
      continue;
    }
    const g = (w * h.gridToHome!) / t;
    solar += (w * h.solarToHome!) / t;
    battery += (w * h.batteryToHome!) / t;
    grid += g;
    split += w;
    prov = Math.max(prov, PROVENANCES.indexOf(h.provenance));
    if (g > 0) {
      if (cost !== null && known(h.importCents) && known(h.importWh) && h.importWh > 0) {
        cost += (g * h.importCents) / h.importWh;
      } else cost = null;
    }
  }
  const detail: ShareResult["detail"] = { supplyProvenance: split > 0 ? PROVENANCES[prov] : "unknown" };
  const coverage = total > 0 ? split / total : 0;
  let solarSharePct: number | null = null;
  if (split > 0 && coverage >= MIN_SPLIT_COVERAGE) {
    solarSharePct = (solar / split) * 100;
    if (unattributed > 0) {
      detail.shareNote = `the home's supply is known for ${Math.round(coverage * 100)} % of this session's energy; the share is of that part`;
    }
  } else if (total > 0) {
    detail.shareNote =
      split > 0
        ? `the home's supply is known for only ${Math.round(coverage * 100)} % of this session's energy`
        : "the home's supply is not known for this session's intervals";
  }
  const whole = split > 0 && unattributed === 0 && !unknownEnergy;
  let costCents: number | null = null;
  if (!opts.priced) detail.costNote = "no tariff plan covers this session";
  else if (!whole) detail.costNote = "part of the session's grid energy is not known";
  else if (cost === null) detail.costNote = "the tariff gives no import price for part of the session";
  else costCents = cost;
  let emissionsG: number | null = null;
  if (opts.gramsPerWh === null) detail.emissionsNote = "no grid emission factor applies";
  else if (!whole) detail.emissionsNote = "part of the session's grid energy is not known";
  else emissionsG = grid * opts.gramsPerWh;
  return {
    supply: {
      solarWh: split > 0 ? solar : null,
      batteryWh: split > 0 ? battery : null,
      gridWh: split > 0 ? grid : null,
      unattributedWh: unattributed,
    },
    solarSharePct,
    costCents,
    emissionsG,
    detail,
  };
}

/** Metres between two points on the earth (haversine). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const r = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Within this distance of the system's location a vehicle is at home. */
export const HOME_RADIUS_M = 500;
