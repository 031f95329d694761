import type { AdapterContext } from "../types";
import { isDaylight } from "../enphase/daylight";

/** About every 5 minutes in daylight (4.5 min absorbs cron jitter). */
export const SOLAREDGE_DAY_INTERVAL_MS = 4.5 * 60_000;
/** Every 30 minutes at night: battery and load still change, and the quota (300/day) has room for it. */
export const SOLAREDGE_NIGHT_INTERVAL_MS = 29.5 * 60_000;
const MARGIN_MS = 15 * 60_000;

/**
 * SolarEdge schedule within 300 calls a day per site: ≈170 live calls from sunrise − 15 min to sunset + 15 min
 * (14.5 h in an Australian summer), ≈20 at night, one energyDetails call an hour (≈24) and one powerDetails call
 * a day for the night's powers: about 216; a history import (lib/backfill) takes at most 60 more.
 */
export function solarEdgeIsDue(system: AdapterContext["system"], lastPollMs: number | null, now: Date): boolean {
  if (lastPollMs === null) return true;
  const day = livePolling(system, now);
  return now.getTime() - lastPollMs >= (day ? SOLAREDGE_DAY_INTERVAL_MS : SOLAREDGE_NIGHT_INTERVAL_MS);
}

/** Whether `now` falls in the live (daytime) polling window of the system's location. */
function livePolling(system: AdapterContext["system"], at: Date): boolean {
  return isDaylight(at, system.displayTimezone, system.location, { beforeMs: MARGIN_MS, afterMs: MARGIN_MS });
}

const NIGHT_CADENCE_MS = 30 * 60_000;

/**
 * How often data arrives at `now`: 5 minutes in the live window, 30 at night. Just after the window opens the
 * newest data can still be a night poll's, so the night cadence holds until a whole night interval has passed.
 */
export function solarEdgeDataIntervalAt(system: AdapterContext["system"], now: Date): number {
  const live = livePolling(system, now) && livePolling(system, new Date(now.getTime() - NIGHT_CADENCE_MS));
  return live ? 5 * 60_000 : NIGHT_CADENCE_MS;
}
