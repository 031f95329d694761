import SunCalc from "suncalc";
import { rand01, smoothNoise } from "./random";

// Local aliases: global lookups are slow inside Jest's vm sandbox and this is the hot path.
const { floor, max, min, pow, sin } = Math;

const MINUTES_PER_DAY = 1440;
const clearSkyCache = new Map<string, Map<number, Float32Array>>();

/** Clear-sky output of a tilted array as a fraction of its peak for a solar altitude in radians (0 at or below the horizon). */
export function clearSkyFraction(altitudeRad: number): number {
  if (altitudeRad <= 0) return 0;
  const sinA = sin(altitudeRad);
  const altDeg = (altitudeRad * 180) / Math.PI;
  // Kasten-Young air mass and Meinel's attenuation, normalised to the sun overhead.
  const airMass = 1 / (sinA + 0.50572 * pow(altDeg + 6.07995, -1.6364));
  const attenuation = pow(0.7, pow(airMass, 0.678)) / 0.7;
  // Panels are tilted towards the sun, so low sun costs less than sin(altitude) suggests; 0.82 = system losses.
  // Melbourne clear days then yield ~7 kWh/kWp in December and ~2.3 in June, like real north-facing arrays.
  return 0.82 * attenuation * pow(sinA, 0.7);
}

/** Clear-sky fraction for every minute of one UTC day at a location, cached (sites often share a location). */
export function clearSkyDay(lat: number, lng: number, utcDay: number): Float32Array {
  const key = `${lat.toFixed(3)},${lng.toFixed(3)}`;
  let byDay = clearSkyCache.get(key);
  if (!byDay) clearSkyCache.set(key, (byDay = new Map()));
  let day = byDay.get(utcDay);
  if (!day) {
    day = new Float32Array(MINUTES_PER_DAY);
    // Sun position every 5 minutes, linearly interpolated: altitude is smooth and suncalc dominates the cost.
    const date = new Date(0);
    const knots = new Float64Array(MINUTES_PER_DAY / 5 + 1);
    for (let k = 0; k < knots.length; k++) {
      date.setTime((utcDay * MINUTES_PER_DAY + k * 5) * 60_000 + 30_000);
      knots[k] = SunCalc.getPosition(date, lat, lng).altitude;
    }
    for (let i = 0; i < MINUTES_PER_DAY; i++) {
      const k = floor(i / 5);
      const f = (i - k * 5) / 5;
      day[i] = clearSkyFraction(knots[k] * (1 - f) + knots[k + 1] * f);
    }
    byDay.set(utcDay, day);
  }
  return day;
}

/** The day's weather: kind in [0,1) (< 0.5 clear, < 0.8 partly cloudy, else overcast) and how cloudy within the kind. */
export interface CloudDay {
  kind: number;
  cover: number;
}

/** The seeded weather of a local day. */
export function cloudDay(seed: number, localDay: number): CloudDay {
  return { kind: rand01(seed, localDay, 101), cover: rand01(seed, localDay, 102) };
}

/** Fraction of clear-sky output that gets through the clouds in a minute of a day with the given weather. */
export function cloudTransmission(seed: number, minute: number, day: CloudDay): number {
  const jitter = (rand01(seed, minute, 103) - 0.5) * 0.03;
  let loss: number;
  if (day.kind < 0.5) {
    loss = 0.05 * day.cover; // clear day: a little haze
  } else if (day.kind < 0.8) {
    // Partly cloudy: clouds pass over for a few minutes at a time; more of them on cloudier days.
    const c = 0.2 + 0.4 * day.cover;
    const n = 0.75 * smoothNoise(seed, minute, 9, 104) + 0.25 * smoothNoise(seed, minute, 3, 105);
    const edge = min(1, max(0, (n - (1 - c)) / 0.08));
    loss = 0.04 + 0.62 * edge;
  } else {
    const c = 0.55 + 0.35 * day.cover; // overcast: dull all day with slow brightening and darkening
    loss = c * (0.85 + 0.15 * smoothNoise(seed, minute, 20, 106));
  }
  return min(1, max(0, 1 - loss + jitter));
}
