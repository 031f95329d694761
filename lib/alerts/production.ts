import { clearSkyPowerW, MIN_JUDGED_ALTITUDE_DEG, parseArraySizeW, sunAltitudeDeg } from "./daylight";
import { paramsOf, type AlertRule } from "./rules";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3_600_000;
const BUCKET_MS = 30 * MINUTE_MS;
/** Solar power is averaged over this window for the production-drop check. */
export const SOLAR_WINDOW_MS = 30 * MINUTE_MS;
/** Recent days are compared only when at least this many of them have data at that time of day. */
export const MIN_RECENT_DAYS = 3;
/** … and when their median is at least this share of the array's rating (or 50 W without one): a dull history says nothing. */
const MIN_RECENT_SHARE = 0.02;
const MIN_RECENT_W = 50;

export interface ProductionFacts {
  displayName: string;
  location: { lat?: number; lng?: number } | null;
  solarSize: string | null;
}

export type ProductionVerdict = {
  holds: boolean;
  title: string;
  message: string;
  details?: Record<string, unknown>;
} | null;

/** The end of the 30-minute bucket closest to `nowMs`'s time of day, on each of the `days` days before it. */
export function pastBucketEnds(nowMs: number, days: number): number[] {
  const aligned = Math.round(nowMs / BUCKET_MS) * BUCKET_MS;
  return Array.from({ length: days }, (_, i) => aligned - (i + 1) * DAY_MS);
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Production drop: the last half hour's solar power against what the array's rating and the sun's altitude at the
 * place predict for a clear sky, and against the median of the same half hour on the system's recent days (the
 * rule's `recentDays`; judged with at least MIN_RECENT_DAYS of them). Judged only with the sun at least
 * MIN_JUDGED_ALTITUDE_DEG up over the whole window (never at dusk or dawn), and only for systems with a location
 * and solar data in the window (no data is the offline rule's business). Null when not judged.
 * `recent` holds the recent days' bucket averages (W) with their bucket ends, in any order.
 */
export function productionVerdict(
  rule: Pick<AlertRule, "kind" | "params">,
  s: ProductionFacts,
  solarW: number | undefined,
  recent: ReadonlyArray<{ endMs: number; w: number }> | undefined,
  nowMs: number,
): ProductionVerdict {
  const p = paramsOf({ kind: "production_drop", params: rule.params });
  const lat = s.location?.lat;
  const lng = s.location?.lng;
  if (!p || typeof lat !== "number" || typeof lng !== "number" || solarW === undefined) return null;
  const altitude = sunAltitudeDeg(nowMs, lat, lng);
  // The sun must have been high enough over the whole averaging window, not only now.
  const lowest = Math.min(altitude, sunAltitudeDeg(nowMs - SOLAR_WINDOW_MS, lat, lng));
  if (lowest < MIN_JUDGED_ALTITUDE_DEG) return null;

  const sizeW = parseArraySizeW(s.solarSize);
  const expectedW = sizeW === null ? null : clearSkyPowerW(sizeW, lowest);
  const belowSky = expectedW !== null && solarW < (p.belowPercent / 100) * expectedW;

  const oldest = pastBucketEnds(nowMs, p.recentDays).at(-1) ?? Infinity;
  const days = (recent ?? []).filter((d) => d.endMs >= oldest && d.endMs < nowMs).map((d) => d.w);
  const floorW = sizeW === null ? MIN_RECENT_W : Math.max(MIN_RECENT_W, MIN_RECENT_SHARE * sizeW);
  const med = days.length >= MIN_RECENT_DAYS ? median(days) : null;
  const usualW = med !== null && med >= floorW ? med : null;
  const belowRecent = usualW !== null && solarW < (p.belowRecentPercent / 100) * usualW;
  if (expectedW === null && usualW === null) return null;

  const parts: string[] = [];
  if (belowSky) parts.push(`below ${p.belowPercent} % of the ${Math.round(expectedW!)} W a clear sky predicts`);
  if (belowRecent) {
    parts.push(
      `below ${p.belowRecentPercent} % of the ${Math.round(usualW!)} W usual at this time (median of ${days.length} recent days)`,
    );
  }
  return {
    holds: belowSky || belowRecent,
    title: `${s.displayName}: production drop`,
    message: parts.length
      ? `Solar ${Math.round(solarW)} W over the last half hour, ${parts.join("; and ")}`
      : `Solar ${Math.round(solarW)} W over the last half hour, as expected`,
    details: {
      solarW: Math.round(solarW),
      expectedW: expectedW === null ? null : Math.round(expectedW),
      recentMedianW: usualW === null ? null : Math.round(usualW),
      recentDays: days.length,
      altitudeDeg: Math.round(altitude),
    },
  };
}
