import { IANAZone } from "luxon";
import { evChargeDay } from "./ev";
import { householdLoadW, loadDay, type LoadDay } from "./load";
import { rand01 } from "./random";
import { clearSkyDay, cloudDay, cloudTransmission, type CloudDay } from "./solar";
import type { SiteConfig, SimCounters, SimState } from "./types";

// Local aliases: global lookups are slow inside Jest's vm sandbox and this is the hot path.
const { floor, max, min } = Math;

const MIN_PER_DAY = 1440;
const CHECKPOINT_MIN = 60;
const CHARGE_EFFICIENCY = 0.95;
/** Installs date from 2021-01-01 plus up to two seeded years, so lifetime totals grow with the date like a real meter's. */
const INSTALL_EPOCH_DAY = 18628;
const zoneOffsets = new Map<string, Map<number, number>>();
const N = 6; // counters: solar, load, batteryIn, batteryOut, gridIn, gridOut

/** Flows of one minute and the state of charge at its end. */
interface Flows {
  solar: number;
  load: number;
  battery: number;
  grid: number;
  nextSoc: number;
}

/**
 * The minute-by-minute trajectory of one site from an anchor (a UTC midnight), with hourly checkpoints of SOC and
 * counters so any minute is at most 59 steps from a stored state, and a cursor that makes sequential reads O(1).
 */
export class SiteRun {
  readonly anchorMin: number;
  private readonly cpSoc: number[] = [];
  private readonly cpCounters: number[] = [];
  private curMin: number;
  private curSoc: number;
  private readonly cur = new Float64Array(N);
  private readonly zone: IANAZone;
  private readonly localShare: number;
  private offHour = NaN;
  private offMin = 0;
  // Per-day inputs cached across minutes: the stepping loop is the hot path.
  private dayLocal = NaN;
  private dayLoad!: LoadDay;
  private dayCloud!: CloudDay;
  private dayUtc = NaN;
  private dayClear!: Float32Array;
  private lastMin = NaN;
  private lastSoc = NaN;
  private last!: Flows;

  constructor(
    readonly site: SiteConfig,
    anchorMin: number,
  ) {
    this.anchorMin = anchorMin;
    this.zone = IANAZone.create(site.timezone);
    if (!this.zone.isValid) throw new Error(`Site ${site.id}: unknown timezone ${site.timezone}`);
    this.localShare = site.pvPeakW > 0 ? max(0, site.pvPeakW - site.remotePvPeakW) / site.pvPeakW : 1;
    this.curMin = anchorMin;
    this.curSoc = site.minSocPct + (100 - site.minSocPct) * (0.3 + 0.4 * rand01(site.seed, 1, 301));
    const base = meterBase(site, floor(anchorMin / MIN_PER_DAY));
    this.cur.set(base);
    this.pushCheckpoint();
  }

  /** The last minute (exclusive) covered by stored checkpoints. */
  get frontierMin(): number {
    return this.anchorMin + this.cpSoc.length * CHECKPOINT_MIN;
  }

  /** SOC and counters stored at checkpoint i (the start of hour i after the anchor). */
  checkpoint(i: number): { soc: number; counters: number[] } | undefined {
    if (i < 0 || i >= this.cpSoc.length) return undefined;
    return { soc: this.cpSoc[i], counters: this.cpCounters.slice(i * N, i * N + N) };
  }

  get checkpointCount(): number {
    return this.cpSoc.length;
  }

  /** Adds `offsets` (one per counter) to every stored counter: used when re-anchoring keeps served values stable. */
  shiftCounters(offsets: number[]): void {
    for (let i = 0; i < this.cpCounters.length; i++) this.cpCounters[i] += offsets[i % N];
    for (let k = 0; k < N; k++) this.cur[k] += offsets[k];
  }

  /** The state of the minute starting at absolute minute index m (m ≥ anchor). */
  stateAt(m: number): SimState {
    this.moveTo(m);
    const f = this.flows(m, this.curSoc);
    const c = this.cur;
    return {
      timeMs: m * 60_000,
      solarW: f.solar,
      solarLocalW: f.solar * this.localShare,
      solarRemoteW: f.solar * (1 - this.localShare),
      loadW: f.load,
      batteryW: f.battery,
      gridW: f.grid,
      socPct: this.curSoc,
      counters: toCounters(c),
    };
  }

  /** Steps forward until the cursor is at the start of minute m, recording checkpoints past the frontier. */
  moveTo(m: number): void {
    if (m < this.anchorMin) throw new Error("minute before the anchor");
    const cpIndex = floor((m - this.anchorMin) / CHECKPOINT_MIN);
    const cpStart = this.anchorMin + cpIndex * CHECKPOINT_MIN;
    if (!(this.curMin <= m && this.curMin >= cpStart)) {
      // Restart from the latest stored checkpoint not after m.
      const i = min(cpIndex, this.cpSoc.length - 1);
      this.curMin = this.anchorMin + i * CHECKPOINT_MIN;
      this.curSoc = this.cpSoc[i];
      for (let k = 0; k < N; k++) this.cur[k] = this.cpCounters[i * N + k];
    }
    const c = this.cur;
    while (this.curMin < m) {
      const f = this.flows(this.curMin, this.curSoc);
      c[0] += f.solar / 60;
      c[1] += f.load / 60;
      if (f.battery < 0) c[2] -= f.battery / 60;
      else c[3] += f.battery / 60;
      if (f.grid > 0) c[4] += f.grid / 60;
      else c[5] -= f.grid / 60;
      this.curSoc = f.nextSoc;
      this.curMin++;
      if (this.curMin === this.frontierMin) this.pushCheckpoint();
    }
  }

  private pushCheckpoint(): void {
    this.cpSoc.push(this.curSoc);
    for (let k = 0; k < N; k++) this.cpCounters.push(this.cur[k]);
  }

  /** Local offset in minutes, looked up once per UTC hour and zone (luxon zone lookups are slow). */
  private offsetMinutes(m: number): number {
    const hour = floor(m / 60);
    if (hour !== this.offHour) {
      this.offHour = hour;
      let byHour = zoneOffsets.get(this.site.timezone);
      if (!byHour) zoneOffsets.set(this.site.timezone, (byHour = new Map()));
      let off = byHour.get(hour);
      if (off === undefined) byHour.set(hour, (off = this.zone.offset(hour * 3_600_000)));
      this.offMin = off;
    }
    return this.offMin;
  }

  /** Solar, load and the battery/grid split of minute m given the SOC at its start (the last result is memoised). */
  flows(m: number, soc: number): Flows {
    if (m === this.lastMin && soc === this.lastSoc) return this.last;
    this.last = this.computeFlows(m, soc);
    this.lastMin = m;
    this.lastSoc = soc;
    return this.last;
  }

  private computeFlows(m: number, soc: number): Flows {
    const s = this.site;
    const localMin = m + this.offsetMinutes(m);
    const localDay = floor(localMin / MIN_PER_DAY);
    if (localDay !== this.dayLocal) {
      this.dayLocal = localDay;
      this.dayLoad = loadDay(s.seed, localDay, s.lat < 0);
      this.dayCloud = cloudDay(s.seed, localDay);
    }
    const utcDay = floor(m / MIN_PER_DAY);
    if (utcDay !== this.dayUtc) {
      this.dayUtc = utcDay;
      this.dayClear = clearSkyDay(s.lat, s.lng, utcDay);
    }
    const clear = this.dayClear[m - utcDay * MIN_PER_DAY];
    const solar = clear > 0 ? s.pvPeakW * clear * cloudTransmission(s.seed, m, this.dayCloud) : 0;
    const t = localMin - localDay * MIN_PER_DAY;
    let load = householdLoadW(s.seed, s.baseLoadW, this.dayLoad, m, t);
    if (s.ev && t >= s.ev.startMin && t < s.ev.endMin && evChargeDay(s, localDay)) load += s.ev.powerW;
    const surplus = solar - load;
    let battery = 0;
    let nextSoc = soc;
    if (surplus > 0 && s.batteryCapacityWh > 0) {
      const roomW = (((100 - soc) / 100) * s.batteryCapacityWh * 60) / CHARGE_EFFICIENCY;
      const charge = min(surplus, s.batteryMaxChargeW, roomW);
      battery = -charge;
      nextSoc = charge === roomW ? 100 : soc + ((charge / 60) * CHARGE_EFFICIENCY * 100) / s.batteryCapacityWh;
    } else if (surplus < 0 && s.batteryCapacityWh > 0) {
      const availW = (max(0, soc - s.minSocPct) / 100) * s.batteryCapacityWh * 60;
      const discharge = min(-surplus, s.batteryMaxDischargeW, availW);
      battery = discharge;
      nextSoc = discharge === availW ? min(soc, s.minSocPct) : soc - (discharge / 60 / s.batteryCapacityWh) * 100;
    }
    // load = solar + battery + grid, with battery + discharging and grid + importing.
    return { solar, load, battery, grid: load - solar - battery, nextSoc };
  }
}

/** Seeded lifetime meter readings at the start of a UTC day: a typical day's energy per day since the seeded install. */
export function meterBase(site: SiteConfig, utcDay: number): number[] {
  const installDay = INSTALL_EPOCH_DAY + floor(730 * rand01(site.seed, 0, 303));
  const days = max(0, utcDay - installDay);
  const solarDay = site.pvPeakW * 4.2;
  const loadDay = site.baseLoadW * 24 * 1.7;
  const battDay = min(site.batteryCapacityWh * 0.6, solarDay * 0.35);
  const daily = [solarDay, loadDay, battDay, battDay * CHARGE_EFFICIENCY, loadDay * 0.3, solarDay * 0.45];
  return daily.map((d, k) => 50_000 + 200_000 * rand01(site.seed, k, 302) + d * days);
}

function toCounters(c: ArrayLike<number>): SimCounters {
  return {
    solarWh: c[0],
    loadWh: c[1],
    batteryInWh: c[2],
    batteryOutWh: c[3],
    gridInWh: c[4],
    gridOutWh: c[5],
  };
}
