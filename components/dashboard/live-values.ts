import type { LatestPoint } from "@/lib/api/contracts";

/** One live number for a card: canonical value (W or %) and when it was measured. */
export interface LiveValue {
  value: number;
  measurementTimeMs: number;
  /** The display name of the one point behind the value (a renamed point's card shows its new name). */
  label?: string;
  /** Not measured: worked out from the other flows (load = solar + battery + grid). */
  derived?: boolean;
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

const CHILD_LOAD = /^load\.([^./]+)\/power$/;
/** `<prefix>/<metric>` or `<prefix>.<one more segment>/<metric>`: a meter named by an extension (e.g. a gate meter). */
const partsOf = (prefix: string, metric: string) => new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.[^./]+/${metric}$`);

interface Entry extends LiveValue {
  path: string;
  name: string;
}

function newestByPath(points: LatestPoint[]): Map<string, Entry> {
  const byPath = new Map<string, Entry>();
  for (const p of points) {
    if (!p.path || typeof p.value !== "number" || !Number.isFinite(p.value)) continue;
    const prev = byPath.get(p.path);
    if (!prev || p.measurementTimeMs > prev.measurementTimeMs) {
      byPath.set(p.path, { path: p.path, name: p.displayName, value: p.value, measurementTimeMs: p.measurementTimeMs });
    }
  }
  return byPath;
}

const plain = (e: Entry, named = true): LiveValue =>
  named && e.name ? { value: e.value, measurementTimeMs: e.measurementTimeMs, label: e.name } : strip(e);
const strip = (e: LiveValue): LiveValue => ({ value: e.value, measurementTimeMs: e.measurementTimeMs });

/** Sum of several values; its age is that of the oldest part, so a stale part is never hidden behind a fresh one. */
function sum(values: LiveValue[]): LiveValue | undefined {
  if (values.length === 0) return undefined;
  return {
    value: values.reduce((total, v) => total + v.value, 0),
    measurementTimeMs: Math.min(...values.map((v) => v.measurementTimeMs)),
  };
}

/**
 * A meter: the plain path (`bidi.grid/power`), else its named parts (`bidi.grid.gate_meter/power`) added up; one
 * part keeps its name.
 */
function meter(byPath: Map<string, Entry>, prefix: string, metric: string): LiveValue | undefined {
  const exact = byPath.get(`${prefix}/${metric}`);
  if (exact) return plain(exact);
  const re = partsOf(prefix, metric);
  const parts = [...byPath.values()].filter((e) => re.test(e.path));
  return parts.length === 1 ? plain(parts[0]) : sum(parts);
}

/** State of charge: the plain path, else the one named battery's (several batteries' charges do not add up). */
function socOf(byPath: Map<string, Entry>): LiveValue | undefined {
  const re = partsOf("bidi.battery", "soc");
  const parts = [...byPath.values()].filter((e) => re.test(e.path));
  const one = byPath.get("bidi.battery/soc") ?? (parts.length === 1 ? parts[0] : undefined);
  return one && strip(one);
}

/**
 * Sub-loads from `load.<sub>/power` points, labelled by display name, plus the remainder (never below zero).
 * Only with a total: the sub-loads are shown inside the Load card.
 */
function childLoads(byPath: Map<string, Entry>, total?: LiveValue): ChildLoad[] {
  const children: ChildLoad[] = [];
  if (!total) return children;
  for (const [path, e] of byPath) {
    const m = CHILD_LOAD.exec(path);
    if (m) children.push({ key: m[1], label: e.name || m[1], value: e.value, measurementTimeMs: e.measurementTimeMs });
  }
  if (!children.length) return children;
  children.sort((a, b) => b.value - a.value);
  const rest = total.value - children.reduce((a, c) => a + c.value, 0);
  const measurementTimeMs = Math.min(total.measurementTimeMs, ...children.map((c) => c.measurementTimeMs));
  children.push({ key: "rest", label: "Rest of house", value: Math.max(0, rest), measurementTimeMs });
  return children;
}

/**
 * The home's load when no point measures it but the balance gives it: solar + battery (+ discharging) + grid
 * (+ importing). Needs the grid and solar; a system without battery points has no battery flow.
 */
function derivedLoad(out: LiveValues, hasBatteryPoints: boolean): LiveValue | undefined {
  if (!out.grid || !out.solar || (hasBatteryPoints && !out.battery)) return undefined;
  const parts = [out.solar, out.grid, ...(out.battery ? [out.battery] : [])];
  const total = sum(parts)!;
  return { ...total, value: Math.max(0, total.value), derived: true };
}

/**
 * Picks the card values from the latest points: `source.solar/power` (else the sum of `source.solar.<part>/power`),
 * the local/remote split, `load/power` (else derived from the balance) with its `load.<sub>/power` children,
 * `bidi.battery/power`, `bidi.battery/soc` and `bidi.grid/power` (each else its named meters).
 */
export function selectLiveValues(points: LatestPoint[]): LiveValues {
  const byPath = newestByPath(points);
  const local = byPath.get("source.solar.local/power");
  const remote = byPath.get("source.solar.remote/power");
  const out: LiveValues = {
    solar: meter(byPath, "source.solar", "power"),
    solarLocal: local && remote ? strip(local) : undefined,
    solarRemote: local && remote ? strip(remote) : undefined,
    load: byPath.has("load/power") ? plain(byPath.get("load/power")!) : undefined,
    battery: meter(byPath, "bidi.battery", "power"),
    batterySoc: socOf(byPath),
    grid: meter(byPath, "bidi.grid", "power"),
  };
  const hasBatteryPoints = points.some((p) => p.path?.startsWith("bidi.battery"));
  out.load ??= derivedLoad(out, hasBatteryPoints);
  const children = childLoads(byPath, out.load);
  if (children.length) out.childLoads = children;
  for (const key of Object.keys(out) as Array<keyof LiveValues>) if (!out[key]) delete out[key];
  return out;
}
