import type { LatestPoint } from "@/lib/api/contracts";

/** One live number for a card: canonical value (W or %) and when it was measured. */
export interface LiveValue {
  value: number;
  measurementTimeMs: number;
}

/** A sub-circuit of the home (`load.<sub>/power`), or the remainder "rest of house". */
export interface ChildLoad extends LiveValue {
  key: string;
  label: string;
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
  /** Measured sub-loads, largest first, then "rest of house" (total minus them) when the total is known. */
  childLoads?: ChildLoad[];
}

const SOLAR_PART = /^source\.solar\.[^/]+\/power$/;
const CHILD_LOAD = /^load\.([^./]+)\/power$/;

/**
 * Sub-loads from `load.<sub>/power` points, labelled by display name, plus the remainder (never below zero).
 * Only with a total: the sub-loads are shown inside the Load card.
 */
function childLoads(points: LatestPoint[], byPath: Map<string, LiveValue>, total?: LiveValue): ChildLoad[] {
  const children: ChildLoad[] = [];
  if (!total) return children;
  for (const [path, v] of byPath) {
    const m = CHILD_LOAD.exec(path);
    if (!m) continue;
    const label = points.find((p) => p.path === path)?.displayName || m[1];
    children.push({ key: m[1], label, ...v });
  }
  if (!children.length) return children;
  children.sort((a, b) => b.value - a.value);
  const rest = total.value - children.reduce((a, c) => a + c.value, 0);
  const measurementTimeMs = Math.min(total.measurementTimeMs, ...children.map((c) => c.measurementTimeMs));
  children.push({ key: "rest", label: "Rest of house", value: Math.max(0, rest), measurementTimeMs });
  return children;
}

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
 * the local/remote split, `load/power` with its `load.<sub>/power` children, `bidi.battery/power`, `bidi.battery/soc`,
 * `bidi.grid/power`.
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
  const children = childLoads(points, byPath, out.load);
  if (children.length) out.childLoads = children;
  for (const key of Object.keys(out) as Array<keyof LiveValues>) if (!out[key]) delete out[key];
  return out;
}
