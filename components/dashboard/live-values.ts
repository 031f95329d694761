import type { LatestPoint } from "@/lib/api/contracts";

/** One live number for a card: canonical value (W or %) and when it was measured. */
export interface LiveValue {
  value: number;
  measurementTimeMs: number;
}

/** What the live cards show, chosen by point path only (no vendor knowledge). */
export interface LiveValues {
  solar?: LiveValue;
  solarLocal?: LiveValue;
  solarRemote?: LiveValue;
  load?: LiveValue;
  battery?: LiveValue;
  batterySoc?: LiveValue;
  grid?: LiveValue;
}

const SOLAR_PART = /^source\.solar\.[^/]+\/power$/;

function newestByPath(points: LatestPoint[]): Map<string, LiveValue> {
  const byPath = new Map<string, LiveValue>();
  for (const p of points) {
    if (!p.path || typeof p.value !== "number" || !Number.isFinite(p.value)) continue;
    const prev = byPath.get(p.path);
    if (!prev || p.measurementTimeMs > prev.measurementTimeMs) {
      byPath.set(p.path, { value: p.value, measurementTimeMs: p.measurementTimeMs });
    }
  }
  return byPath;
}

/** Sum of several values; its age is that of the oldest part, so a stale part is never hidden behind a fresh one. */
function sum(values: LiveValue[]): LiveValue | undefined {
  if (values.length === 0) return undefined;
  return {
    value: values.reduce((total, v) => total + v.value, 0),
    measurementTimeMs: Math.min(...values.map((v) => v.measurementTimeMs)),
  };
}

/**
 * Picks the card values from the latest points: `source.solar/power` (else the sum of `source.solar.<part>/power`),
 * the local/remote split, `load/power`, `bidi.battery/power`, `bidi.battery/soc`, `bidi.grid/power`.
 */
export function selectLiveValues(points: LatestPoint[]): LiveValues {
  const byPath = newestByPath(points);
  const solarParts = [...byPath.entries()].filter(([path]) => SOLAR_PART.test(path)).map(([, v]) => v);
  const local = byPath.get("source.solar.local/power");
  const remote = byPath.get("source.solar.remote/power");
  const out: LiveValues = {
    solar: byPath.get("source.solar/power") ?? sum(solarParts),
    solarLocal: local && remote ? local : undefined,
    solarRemote: local && remote ? remote : undefined,
    load: byPath.get("load/power"),
    battery: byPath.get("bidi.battery/power"),
    batterySoc: byPath.get("bidi.battery/soc"),
    grid: byPath.get("bidi.grid/power"),
  };
  for (const key of Object.keys(out) as Array<keyof LiveValues>) if (!out[key]) delete out[key];
  return out;
}
