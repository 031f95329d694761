import { DateTime } from "luxon";
import type { AdapterContext } from "../types";
import { isDaylight } from "./daylight";
import { dueEvery } from "../define";

/** About hourly in daylight: 55 min leaves room for cron jitter (≈15 calls a day, ≈450 a month per system). */
export const ENPHASE_POLL_INTERVAL_MS = 55 * 60_000;
/** Keep polling this long after sunset, so the day's last producing intervals arrive the same evening. */
export const AFTER_SUNSET_MS = 45 * 60_000;
/** The small-hours pass (local time): re-fetch yesterday (and older gaps) while the quota is idle. */
export const NIGHT_PASS_START_H = 1;
export const NIGHT_PASS_END_H = 4;

type System = AdapterContext["system"];

/** Whether `now` is in the small-hours pass window of the system's local day. */
export function inNightPass(now: Date, zone: string): boolean {
  const h = DateTime.fromJSDate(now, { zone }).hour;
  return h >= NIGHT_PASS_START_H && h < NIGHT_PASS_END_H;
}

/**
 * Enphase schedule (1,000 calls a month on the free plan): hourly from sunrise to sunset + 45 min at the
 * system's own location, plus one pass between 01:00 and 04:00 local time (the first poll in that window).
 */
export function enphaseIsDue(system: System, lastPollMs: number | null, now: Date): boolean {
  const zone = system.displayTimezone;
  if (inNightPass(now, zone)) {
    const passStart = DateTime.fromJSDate(now, { zone }).startOf("day").set({ hour: NIGHT_PASS_START_H }).toMillis();
    return lastPollMs === null || lastPollMs < passStart;
  }
  if (!isDaylight(now, zone, system.location, { beforeMs: 0, afterMs: AFTER_SUNSET_MS })) return false;
  return dueEvery(ENPHASE_POLL_INTERVAL_MS, lastPollMs, now);
}
