import SunCalc from "suncalc";

const DEG = Math.PI / 180;

/** The sun's altitude above the horizon at a place and time, in degrees (negative below it). */
export function sunAltitudeDeg(atMs: number, lat: number, lng: number): number {
  return SunCalc.getPosition(new Date(atMs), lat, lng).altitude / DEG;
}

/**
 * Below this altitude production is not judged: around sunrise and sunset output is small, shaded and steep-angled,
 * so any drop there is normal (no production-drop alert at dusk).
 */
export const MIN_JUDGED_ALTITUDE_DEG = 20;

/** Share of the array's rating a healthy clear-sky array delivers with the sun straight overhead (losses, heat). */
export const PERFORMANCE_RATIO = 0.75;

/**
 * What a healthy array of `sizeW` should deliver at least on a clear sky with the sun at `altitudeDeg`: the rating
 * scaled by the sine of the altitude (a horizontal-ish array) and the performance ratio. Zero below the horizon.
 */
export function clearSkyPowerW(sizeW: number, altitudeDeg: number): number {
  if (altitudeDeg <= 0) return 0;
  return sizeW * Math.sin(altitudeDeg * DEG) * PERFORMANCE_RATIO;
}

/** An array rating like "6.6 kW", "6.6kWp" or "6600 W" in W; null when it is not one. */
export function parseArraySizeW(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = /^\s*([\d.]+)\s*(k|m)?w(p)?\b/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n) || n <= 0) return null;
  const scale = m[2]?.toLowerCase() === "k" ? 1_000 : m[2]?.toLowerCase() === "m" ? 1_000_000 : 1;
  return n * scale;
}
