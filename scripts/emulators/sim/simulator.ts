import { SiteRun } from "./site-run";
import type { IntervalTruth, SiteConfig, SimState } from "./types";

const { floor, max, min } = Math;
const MIN_PER_DAY = 1440;
const DEFAULT_WARMUP_DAYS = 35;

interface Entry {
  run: SiteRun;
  /** Earliest minute ever returned: re-anchoring keeps values from here on unchanged. */
  earliestServedMin: number;
}

/**
 * The physics simulator: a deterministic function of (site, time). Each site is stepped minute by minute from an
 * anchor (its fixed epochMs, else UTC midnight `warmupDays` before the earliest time asked) so the battery state has
 * settled; asking earlier re-anchors and re-bases the counters so values already returned stay the same.
 */
export class Simulator {
  private readonly runs = new Map<string, Entry>();

  /** The state of the minute containing timeMs (see SimState for what each field means). */
  stateAt(site: SiteConfig, timeMs: number): SimState {
    const m = floor(timeMs / 60_000);
    return this.entry(site, m).run.stateAt(m);
  }

  /** True energy (counter differences) and average power over (endMs − minutes, endMs]; endMs is floored to a minute. */
  intervalTruth(site: SiteConfig, endMs: number, minutes = 5): IntervalTruth {
    const endMin = floor(endMs / 60_000);
    const startMin = endMin - minutes;
    const run = this.entry(site, startMin).run;
    const a = run.stateAt(startMin);
    const b = run.stateAt(endMin);
    const e = {
      solarWh: b.counters.solarWh - a.counters.solarWh,
      loadWh: b.counters.loadWh - a.counters.loadWh,
      batteryInWh: b.counters.batteryInWh - a.counters.batteryInWh,
      batteryOutWh: b.counters.batteryOutWh - a.counters.batteryOutWh,
      gridInWh: b.counters.gridInWh - a.counters.gridInWh,
      gridOutWh: b.counters.gridOutWh - a.counters.gridOutWh,
    };
    const perHour = 60 / minutes;
    const localShare = site.pvPeakW > 0 ? max(0, site.pvPeakW - site.remotePvPeakW) / site.pvPeakW : 1;
    return {
      startMs: startMin * 60_000,
      endMs: endMin * 60_000,
      energyWh: e,
      avgW: {
        solar: e.solarWh * perHour,
        solarLocal: e.solarWh * perHour * localShare,
        solarRemote: e.solarWh * perHour * (1 - localShare),
        load: e.loadWh * perHour,
        battery: (e.batteryOutWh - e.batteryInWh) * perHour,
        grid: (e.gridInWh - e.gridOutWh) * perHour,
      },
    };
  }

  /** Forgets every cached trajectory (the next call recomputes from a fresh anchor). */
  clear(): void {
    this.runs.clear();
  }

  /** Number of sites with a cached trajectory (for tests and stats). */
  get size(): number {
    return this.runs.size;
  }

  private entry(site: SiteConfig, m: number): Entry {
    const key = siteKey(site);
    const warmupMin = (site.warmupDays ?? DEFAULT_WARMUP_DAYS) * MIN_PER_DAY;
    let entry = this.runs.get(key);
    if (!entry) {
      const lazy = anchorFor(m, warmupMin);
      const fixed = site.epochMs === undefined ? lazy : anchorFor(floor(site.epochMs / 60_000), 0);
      entry = { run: new SiteRun(site, min(lazy, fixed)), earliestServedMin: m };
      this.runs.set(key, entry);
    } else if (m < entry.run.anchorMin + warmupMin) {
      entry.run = reanchor(entry, anchorFor(m, warmupMin));
    }
    entry.earliestServedMin = min(entry.earliestServedMin, m);
    return entry;
  }
}

function anchorFor(m: number, warmupMin: number): number {
  return floor((m - warmupMin) / MIN_PER_DAY) * MIN_PER_DAY;
}

/**
 * Recomputes a site from an earlier anchor. Trajectories from different anchors become identical once the battery
 * has hit 100% or its minimum in both (usually within a day), so the counters are shifted to agree there.
 */
function reanchor(entry: Entry, anchorMin: number): SiteRun {
  const old = entry.run;
  const fresh = new SiteRun(old.site, anchorMin);
  fresh.moveTo(old.frontierMin - 1);
  const offset = (old.anchorMin - anchorMin) / 60;
  const servedIndex = max(0, floor((entry.earliestServedMin - old.anchorMin) / 60));
  let ref = min(servedIndex, old.checkpointCount - 1);
  for (let i = 0; i < old.checkpointCount; i++) {
    if (fresh.checkpoint(i + offset)?.soc === old.checkpoint(i)?.soc) {
      ref = i;
      break;
    }
  }
  const a = old.checkpoint(ref)!.counters;
  const b = fresh.checkpoint(ref + offset)!.counters;
  fresh.shiftCounters(a.map((v, k) => v - b[k]));
  return fresh;
}

const keys = new WeakMap<SiteConfig, string>();

/** Cache key of a site config: its id plus every parameter, so a changed config is a different trajectory. */
function siteKey(site: SiteConfig): string {
  let k = keys.get(site);
  if (!k) {
    k = JSON.stringify(site);
    keys.set(site, k);
  }
  return k;
}

/** The simulator shared by every emulator in this process. */
export const simulator = new Simulator();

/** The state of a site in the minute containing timeMs, from the shared simulator. */
export function stateAt(site: SiteConfig, timeMs: number): SimState {
  return simulator.stateAt(site, timeMs);
}

/** True 5-minute (or `minutes`) energy and average power ending at endMs, from the shared simulator. */
export function intervalTruth(site: SiteConfig, endMs: number, minutes = 5): IntervalTruth {
  return simulator.intervalTruth(site, endMs, minutes);
}
