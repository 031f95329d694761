/** How old a reading is, in words and as a freshness class (green < 5 min, yellow 5–15 min, red > 15 min). */

export type Freshness = "fresh" | "stale" | "old";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const FRESH_LIMIT_MS = 5 * MINUTE_MS;
export const STALE_LIMIT_MS = 15 * MINUTE_MS;

/**
 * Freshness of data of a given age: "fresh" under 5 minutes, "stale" up to 15 minutes, "old" beyond — for vendors
 * that report every minute. Slower vendors (cadenceMs, e.g. an hourly one) get their extra interval on both limits.
 */
export function freshness(ageMs: number | null | undefined, cadenceMs = MINUTE_MS): Freshness {
  if (ageMs === null || ageMs === undefined || !Number.isFinite(ageMs)) return "old";
  const extra = Math.max(0, cadenceMs - MINUTE_MS);
  if (ageMs < FRESH_LIMIT_MS + extra) return "fresh";
  if (ageMs <= STALE_LIMIT_MS + 2 * extra) return "stale";
  return "old";
}

/** Age in words: "just now" (under a minute, or slightly in the future from clock skew), "3 min ago", "2 h ago", "4 d ago". */
export function formatAge(ageMs: number | null | undefined): string {
  if (ageMs === null || ageMs === undefined || !Number.isFinite(ageMs)) return "never";
  if (ageMs < MINUTE_MS) return "just now";
  if (ageMs < HOUR_MS) return `${Math.floor(ageMs / MINUTE_MS)} min ago`;
  if (ageMs < DAY_MS) return `${Math.floor(ageMs / HOUR_MS)} h ago`;
  return `${Math.floor(ageMs / DAY_MS)} d ago`;
}

/** Label for a freshness class, for text next to the coloured dot (colour is never the only signal). */
export function freshnessLabel(f: Freshness, cadenceMs = MINUTE_MS): string {
  if (f === "fresh") return cadenceMs > FRESH_LIMIT_MS ? "Up to date" : "Live";
  return f === "stale" ? "Delayed" : "Offline";
}
