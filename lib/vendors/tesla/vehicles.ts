import { VendorError, type Reading } from "../types";
import { VehicleUnavailable, type TeslaClient } from "./client";
import { isCharging, vehicleReadings, vehiclePoints } from "./mapper";
import { spendStretch } from "./spend";
import { hasScope, type TeslaVehicleRef } from "./tokens";

/** Vehicle data every 2 minutes while charging. */
export const CHARGING_POLL_MS = 2 * 60_000;
/** An online car that is not charging: sparsely (each read also keeps it awake a while). */
export const IDLE_POLL_MS = 20 * 60_000;
/** A sleeping or offline car: its state is looked up in the vehicle list (never woken, no data call). */
export const SLEEP_CHECK_MS = 10 * 60_000;
/** After a 429 without Retry-After. */
const DEFAULT_RETRY_MS = 60_000;

export interface VehicleSchedule {
  /** Not before this time (ms UTC) is the car looked at again. */
  nextMs: number;
  state: "online" | "asleep" | "offline" | "unknown";
  charging: boolean;
  lastDataMs?: number;
}

/** What is kept between polls (in the encrypted vendor state). */
export interface FleetSchedule {
  vehicles: Record<string, VehicleSchedule>;
  /** A 429 told us to wait until then (ms UTC): no vehicle call before. */
  retryAtMs?: number;
}

export interface VehiclePollResult {
  readings: Reading[];
  schedule: FleetSchedule;
  notes: string[];
}

/**
 * One pass over a system's cars. Never wakes a car: a car not known to be online is looked up in the vehicle list
 * first, and only an online car is asked for vehicle_data (a 408 means it fell asleep: it is left alone). Every
 * interval is stretched by spendStretch(share of the month's credit spent).
 */
export async function pollVehicles(
  client: TeslaClient,
  vehicles: TeslaVehicleRef[],
  prev: FleetSchedule | undefined,
  opts: { nowMs: number; spentShare: number; wallConnector?: boolean },
): Promise<VehiclePollResult> {
  const { nowMs } = opts;
  const stretch = spendStretch(opts.spentShare);
  const schedule: FleetSchedule = { vehicles: { ...(prev?.vehicles ?? {}) }, retryAtMs: prev?.retryAtMs };
  const notes: string[] = [];
  const readings: Reading[] = [];
  if (!vehicles.length) return { readings, schedule, notes };
  if (schedule.retryAtMs !== undefined && schedule.retryAtMs > nowMs) {
    notes.push(`vehicles: rate limited for ${Math.ceil((schedule.retryAtMs - nowMs) / 1000)} s more`);
    return { readings, schedule, notes };
  }
  delete schedule.retryAtMs;
  const get = (id: string): VehicleSchedule =>
    schedule.vehicles[id] ?? { nextMs: 0, state: "unknown", charging: false };
  const due = vehicles.filter((v) => get(v.id).nextMs <= nowMs);
  if (!due.length) return { readings, schedule, notes };
  const later = (ms: number) => nowMs + ms * stretch;
  try {
    if (due.some((v) => get(v.id).state !== "online")) {
      const listed = await client.vehicles();
      for (const v of due) {
        const found = listed.find((p) => p.id === v.id || p.vin === v.id);
        const state = found?.state === "online" || found?.state === "asleep" ? found.state : "offline";
        schedule.vehicles[v.id] = { ...get(v.id), state };
      }
    }
    for (const v of due) {
      const s = get(v.id);
      if (s.state !== "online") {
        schedule.vehicles[v.id] = { ...s, charging: false, nextMs: later(SLEEP_CHECK_MS) };
        // A sleeping car is not charging (charging keeps it awake): its charger load is 0 W, known without a call.
        // An offline one may still charge out of reach of the network: nothing is said for it.
        if (s.state === "asleep" && !opts.wallConnector) {
          readings.push({ point: vehiclePoints(v.id, v.name).power, measurementTimeMs: nowMs, value: 0 });
        }
        notes.push(`${v.name}: ${s.state}`);
        continue;
      }
      try {
        const data = await client.vehicleData(v.id);
        const charge = data.charge_state as Record<string, unknown> | undefined;
        const charging = isCharging(charge);
        readings.push(
          ...vehicleReadings(v.id, v.name, data, {
            nowMs,
            location: hasScope(client.tokens, "vehicle_location"),
            wallConnector: opts.wallConnector,
          }),
        );
        schedule.vehicles[v.id] = {
          state: "online",
          charging,
          lastDataMs: nowMs,
          nextMs: later(charging ? CHARGING_POLL_MS : IDLE_POLL_MS),
        };
        notes.push(`${v.name}: ${String(charge?.charging_state ?? "online")}`);
      } catch (err) {
        if (!(err instanceof VehicleUnavailable)) throw err;
        schedule.vehicles[v.id] = { ...s, state: "asleep", charging: false, nextMs: later(SLEEP_CHECK_MS) };
        notes.push(`${v.name}: unavailable (asleep or offline; not woken)`);
      }
    }
  } catch (err) {
    if (err instanceof VendorError && err.code === "RATE_LIMITED") {
      schedule.retryAtMs = nowMs + (err.options.retryAfterMs ?? DEFAULT_RETRY_MS);
      notes.push(`vehicles: ${err.message}`);
      return { readings, schedule, notes };
    }
    if (err instanceof VendorError && (err.code === "AUTH_FAILED" || err.code === "SESSION_EXPIRED")) throw err;
    // Another failure of a vehicle call does not cost the site's data: try again at the idle pace.
    for (const v of due) schedule.vehicles[v.id] = { ...get(v.id), nextMs: later(IDLE_POLL_MS) };
    notes.push(`vehicles: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { readings, schedule, notes };
}
