import "server-only";
import { getIntervalAccounts, PROVENANCES, type IntervalAccount, type Provenance } from "@/lib/accounts";
import { endedBy } from "@/lib/aggregation/close-intervals";
import { ApiError } from "@/lib/api/errors";
import { carbonRegionOfState, gridFactor } from "@/lib/carbon";
import { listPoints } from "@/lib/db/queries/points";
import { listPipelineSystems, type PipelineSystem } from "@/lib/db/queries/systems";
import { computeCosts } from "@/lib/tariffs";
import { listTariffPlans } from "@/lib/tariffs/store";
import { dayBounds, localDay, nextDay } from "@/lib/time/zones";
import { CHARGING_STATE, detectSessions, INTERVAL_MS, type ChargerSeries, type VehicleSeries } from "./detect";
import { loadCompositeSystem } from "@/lib/composite/resolve";
import { compositeEvPlan, compositesReading, daysOfSpans } from "./composite";
import { evPlan, type EvPlan } from "./points";
import { distanceM, HOME_RADIUS_M, shareOf, type HomeInterval } from "./share";
import { loadEvPointValues, loadSessionDays, loadSessions, replaceSessionDays } from "./store";
import type { ChargingSession, EvStatus, SessionLocation } from "./types";

export type EvSystem = Pick<PipelineSystem, "id" | "displayTimezone" | "location" | "metadata" | "status">;

/** How the figures are computed (the API and the UI show these lines). */
export const EV_NOTES = [
  "Sessions come from the EV charger's load point (5-minute energy); a session the home's charger did not see comes from the vehicle's own points.",
  "Solar share: the car's energy in each 5-minute interval is split like the home's supply in that interval (solar, battery, grid), then summed.",
  "Cost: the grid part of each interval × that interval's import price under the system's tariff plan; solar and battery energy count as free.",
  "Emissions: the grid part × the region's grid emission factor (scope 2).",
  "Away from home there is no solar share, cost or emissions.",
];

const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && !Number.isNaN(v);

async function systemOf(systemId: number): Promise<EvSystem> {
  const [s] = await listPipelineSystems([systemId]);
  if (!s || s.status === "removed") throw new ApiError("NOT_FOUND", "No such system");
  return s;
}

/** The system's EV plan from its own points; a composite's from its sources that share in its load. */
export async function planOf(systemId: number): Promise<EvPlan> {
  const composite = await loadCompositeSystem(systemId);
  return composite ? compositeEvPlan(composite) : evPlan(await listPoints([systemId]));
}

function homeLocation(system: EvSystem): { lat: number; lng: number } | null {
  const l = system.location as { lat?: unknown; lng?: unknown } | null;
  return l && typeof l.lat === "number" && typeof l.lng === "number" ? { lat: l.lat, lng: l.lng } : null;
}

function leastDirect(iv: IntervalAccount): Provenance {
  let p = 0;
  for (const f of Object.values(iv.flows)) if (f.wh !== null) p = Math.max(p, PROVENANCES.indexOf(f.provenance));
  return PROVENANCES[p];
}

/** The series of a window: ledger intervals, charger energy, peaks and the vehicle's values, on one grid. */
async function windowOf(system: EvSystem, plan: EvPlan, fromMs: number, toMs: number, nowMs: number) {
  const from = Math.floor(fromMs / INTERVAL_MS) * INTERVAL_MS;
  const until = Math.max(from, Math.min(Math.ceil(toMs / INTERVAL_MS) * INTERVAL_MS, endedBy(nowMs)));
  const count = (until - from) / INTERVAL_MS;
  const firstEndMs = from + INTERVAL_MS;
  const index = (endMs: number) => (endMs - firstEndMs) / INTERVAL_MS;
  const accounts = count ? (await getIntervalAccounts(system.id, from, until, nowMs)).intervals : [];
  const ivs = new Array<IntervalAccount | undefined>(count);
  for (const iv of accounts) {
    const i = index(iv.endMs);
    if (i >= 0 && i < count) ivs[i] = iv;
  }
  const v = plan.vehicle;
  // Point ids by the system they belong to (a composite reads its sources' points).
  const ids = new Map<number, number[]>();
  const want = (systemId: number | undefined, list: Array<number | null | undefined>) => {
    const sid = systemId ?? system.id;
    for (const x of list) if (typeof x === "number") ids.set(sid, [...(ids.get(sid) ?? []), x]);
  };
  for (const c of plan.chargers) want(c.systemId, [c.powerId]);
  want(v?.systemId, [v?.batteryId, v?.stateId, v?.addedId, v?.latId, v?.lngId]);
  const rows = await Promise.all([...ids].map(([sid, list]) => loadEvPointValues(sid, list, from, until)));
  const byPoint = new Map<number, Map<number, { max: number | null; last: number | null; text: string | null }>>();
  for (const r of rows.flat()) {
    const i = index(r.endMs);
    if (i < 0 || i >= count) continue;
    if (!byPoint.has(r.pointId)) byPoint.set(r.pointId, new Map());
    byPoint.get(r.pointId)!.set(i, r);
  }
  const series = (id: number | null | undefined, pick: "max" | "last") =>
    Array.from({ length: count }, (_, i) => {
      const x = id === null || id === undefined ? undefined : byPoint.get(id)?.get(i)?.[pick];
      return known(x) ? x : NaN;
    });
  const chargers: ChargerSeries[] = plan.chargers.map((c) => {
    const wh = new Array<number>(count).fill(NaN);
    const prov = new Array<Provenance>(count).fill("unknown");
    for (let i = 0; i < count; i++) {
      const load = ivs[i]?.loads.find((l) => l.key === c.key);
      if (load && load.flow.wh !== null) {
        wh[i] = load.flow.wh;
        prov[i] = load.flow.provenance;
      }
    }
    return { key: c.key, name: c.name || "EV charger", wh, prov, peakW: series(c.powerId, "max") };
  });
  let vehicle: VehicleSeries | null = null;
  if (v) {
    vehicle = {
      charging: Array.from({ length: count }, (_, i) => {
        const t = v.stateId === null ? undefined : byPoint.get(v.stateId)?.get(i)?.text;
        return t === undefined || t === null ? null : CHARGING_STATE.test(t.trim());
      }),
      addedWh: series(v.addedId, "last"),
      batteryPct: series(v.batteryId, "last"),
      lat: series(v.latId, "last"),
      lng: series(v.lngId, "last"),
    };
  }
  return { from, until, count, firstEndMs, ivs, chargers, vehicle, stateText: v?.stateId ?? null, byPoint };
}

/** The import cents per interval end under the system's plans (empty without a plan). */
async function importPrices(system: EvSystem, ivs: Array<IntervalAccount | undefined>, from: number, until: number) {
  const plans = await listTariffPlans(system.id);
  const prices = new Map<number, number | null>();
  if (!plans.length || until <= from) return { prices, plans };
  const intervals = ivs
    .filter((iv): iv is IntervalAccount => iv !== undefined)
    .map((iv) => ({ endMs: iv.endMs, importWh: iv.flows.gridImport.wh, exportWh: iv.flows.gridExport.wh }));
  const result = computeCosts({
    plans,
    zone: system.displayTimezone,
    intervals,
    range: { startMs: from, endMs: until },
  });
  for (const c of result.intervals) prices.set(c.endMs, c.planId === null ? null : c.importCents);
  return { prices, plans };
}

/** g CO2-e per Wh for the system: the plan's holiday region (a state) or the system's metadata state, else AU. */
function gramsPerWh(system: EvSystem, plans: Awaited<ReturnType<typeof listTariffPlans>>): number {
  const meta = (system.metadata ?? {}) as { state?: unknown };
  const state =
    plans.find((p) => p.holidays?.region)?.holidays.region ?? (typeof meta.state === "string" ? meta.state : null);
  return gridFactor(carbonRegionOfState(state));
}

/**
 * The charging sessions that start in [fromMs, toMs) (detected on a window a day wider either side, so sessions
 * across the edges are whole), with their supply split, cost and emissions. Pure read: stores nothing.
 */
export async function computeSessions(
  system: EvSystem,
  fromMs: number,
  toMs: number,
  nowMs: number,
  plan?: EvPlan,
): Promise<ChargingSession[]> {
  const p = plan ?? (await planOf(system.id));
  if (!p.chargers.length && !p.vehicle) return [];
  const zone = system.displayTimezone;
  const w = await windowOf(system, p, fromMs - 86_400_000, toMs + 86_400_000, nowMs);
  if (!w.count) return [];
  const detected = detectSessions({
    firstEndMs: w.firstEndMs,
    count: w.count,
    chargers: w.chargers,
    vehicle: w.vehicle,
    open: w.until === endedBy(nowMs),
  }).filter((s) => s.startMs >= fromMs && s.startMs < toMs);
  if (!detected.length) return [];
  const { prices, plans } = await importPrices(system, w.ivs, w.from, w.until);
  const factor = gramsPerWh(system, plans);
  const home = homeLocation(system);
  const homeIntervals: Array<HomeInterval | undefined> = w.ivs.map((iv) =>
    iv
      ? {
          endMs: iv.endMs,
          solarToHome: iv.attribution.solarToHome,
          batteryToHome: iv.attribution.batteryToHome,
          gridToHome: iv.attribution.gridToHome,
          importWh: iv.flows.gridImport.wh,
          importCents: prices.get(iv.endMs) ?? null,
          provenance: leastDirect(iv),
        }
      : undefined,
  );
  return detected.map((d) => {
    let location: SessionLocation = d.source === "charger" ? "home" : "unknown";
    let distance: number | null = null;
    if (home && d.lat !== null && d.lng !== null) {
      distance = distanceM(home, { lat: d.lat, lng: d.lng });
      if (d.source === "vehicle") location = distance <= HOME_RADIUS_M ? "home" : "away";
    }
    const priced = plans.length > 0 && homeIntervals.slice(d.lo, d.hi + 1).some((h) => h && prices.has(h.endMs));
    const share = shareOf(d.wh, homeIntervals.slice(d.lo, d.hi + 1), { location, gramsPerWh: factor, priced });
    return {
      id: `${d.chargerKey}@${d.startMs}`,
      chargerKey: d.chargerKey,
      chargerName: d.chargerName,
      source: d.source,
      startMs: d.startMs,
      endMs: d.endMs,
      day: localDay(d.startMs, zone),
      ongoing: d.ongoing,
      energyWh: d.energyWh,
      peakW: d.peakW,
      chargerKind: d.chargerKind,
      location,
      distanceM: distance,
      supply: share.supply,
      solarSharePct: share.solarSharePct,
      costCents: share.costCents,
      emissionsG: share.emissionsG,
      batteryStartPct: d.batteryStartPct,
      batteryEndPct: d.batteryEndPct,
      detail: { energyProvenance: d.energyProvenance, ...share.detail },
    };
  });
}

const daysFrom = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) out.push(d);
  return out;
};

/**
 * Recomputes and stores the sessions of some ended local days of a system (replacing what was stored for them:
 * idempotent). Returns the number of sessions written.
 */
export async function writeSessionDays(system: EvSystem, days: string[], nowMs = Date.now()): Promise<number> {
  const zone = system.displayTimezone;
  const ended = [...new Set(days)].filter((d) => dayBounds(d, zone).endMs <= nowMs).sort();
  if (!ended.length) return 0;
  const plan = await planOf(system.id);
  let written = 0;
  // Runs of consecutive days, one window each.
  const runs: string[][] = [];
  for (const d of ended) {
    const run = runs[runs.length - 1];
    if (run && run.length < 31 && nextDay(run[run.length - 1]) === d) run.push(d);
    else runs.push([d]);
  }
  for (const run of runs) {
    const fromMs = dayBounds(run[0], zone).startMs;
    const toMs = dayBounds(run[run.length - 1], zone).endMs;
    const sessions = await computeSessions(system, fromMs, toMs, nowMs, plan);
    await replaceSessionDays(system.id, run, sessions, nowMs);
    written += sessions.length;
  }
  return written;
}

/** Days whose computation is bounded per read (older missing days wait for the daily job). */
const MAX_DAYS_ON_READ = 62;

/**
 * The sessions starting on local days from..to: stored days as stored, ended days not stored yet computed and
 * stored (also a stored day whose last session was still ongoing), today computed on read.
 */
export async function getChargingSessions(
  system: EvSystem,
  from: string,
  to: string,
  nowMs = Date.now(),
): Promise<ChargingSession[]> {
  const zone = system.displayTimezone;
  const today = localDay(nowMs, zone);
  const last = to < today ? to : today;
  if (from > last) return [];
  const stored = await loadSessionDays(system.id, from, last);
  let sessions = await loadSessions(system.id, from, last);
  const stale = new Set(sessions.filter((s) => s.ongoing && s.day < today).map((s) => s.day));
  const missing = daysFrom(from, last).filter((d) => d < today && (!stored.has(d) || stale.has(d)));
  if (missing.length) {
    await writeSessionDays(system, missing.slice(-MAX_DAYS_ON_READ), nowMs);
    sessions = await loadSessions(system.id, from, last);
  }
  if (last === today) {
    const { startMs, endMs } = dayBounds(today, zone);
    sessions = [...sessions.filter((s) => s.day !== today), ...(await computeSessions(system, startMs, endMs, nowMs))];
  }
  return sessions.sort((a, b) => a.startMs - b.startMs || a.chargerKey.localeCompare(b.chargerKey));
}

/**
 * The daily job's session step: for each (system, days) just written, the same days' sessions and the day before
 * each (a session across midnight, still ongoing when its first day was stored, is whole now); then the same for
 * the composites that read those systems, on their own local days.
 */
export async function sessionsAfterDaily(
  written: Array<{ systemId: number; days: string[] }>,
  nowMs = Date.now(),
): Promise<number> {
  const systems = new Map((await listPipelineSystems(written.map((w) => w.systemId))).map((s) => [s.id, s]));
  const spans = written.flatMap(({ systemId, days }) => {
    const zone = systems.get(systemId)?.displayTimezone;
    return zone ? days.map((d) => ({ systemId, ...dayBounds(d, zone) })) : [];
  });
  const composites = [...(await compositesReading(spans))].filter(([id]) => !systems.has(id));
  for (const c of await listPipelineSystems(composites.map(([id]) => id))) systems.set(c.id, c);
  const all = [
    ...written,
    ...composites.flatMap(([id, read]) => {
      const zone = systems.get(id)?.displayTimezone;
      return zone ? [{ systemId: id, days: daysOfSpans(read, zone) }] : [];
    }),
  ];
  let n = 0;
  for (const { systemId, days } of all) {
    const system = systems.get(systemId);
    if (!system || system.status === "removed" || !days.length) continue;
    const plan = await planOf(systemId);
    if (!plan.chargers.length && !plan.vehicle) continue;
    const sorted = [...days].sort();
    const before = localDay(dayBounds(sorted[0], system.displayTimezone).startMs - 1, system.displayTimezone);
    n += await writeSessionDays(system, [before, ...sorted], nowMs);
  }
  return n;
}

/** The EV's state now: the newest ended interval of the charger(s) with its split, and the vehicle's newest values. */
export async function evStatus(system: EvSystem, plan: EvPlan, nowMs = Date.now()): Promise<EvStatus> {
  const w = await windowOf(system, plan, endedBy(nowMs) - 30 * 60_000, endedBy(nowMs), nowMs);
  let at: number | null = null;
  let wh: number | null = null;
  let idx = -1;
  for (let i = w.count - 1; i >= 0 && at === null; i--) {
    const vals = w.chargers.map((c) => c.wh[i]).filter(known);
    if (vals.length) {
      at = w.firstEndMs + i * INTERVAL_MS;
      wh = vals.reduce((a, b) => a + b, 0);
      idx = i;
    }
  }
  const lastOf = (a: ArrayLike<number> | undefined) => {
    if (!a) return null;
    for (let i = a.length - 1; i >= 0; i--) if (known(a[i])) return a[i];
    return null;
  };
  let chargingState: string | null = null;
  if (w.stateText !== null) {
    const rows = w.byPoint.get(w.stateText);
    for (let i = w.count - 1; i >= 0 && chargingState === null; i--) chargingState = rows?.get(i)?.text ?? null;
  }
  const powerW = wh === null ? null : wh / (INTERVAL_MS / 3_600_000);
  const charging = (powerW !== null && powerW >= 300) || (chargingState !== null && CHARGING_STATE.test(chargingState));
  let solarSharePct: number | null = null;
  const iv = idx >= 0 ? w.ivs[idx] : undefined;
  if (charging && iv && wh !== null) {
    const s = shareOf(
      [wh],
      [
        {
          endMs: iv.endMs,
          solarToHome: iv.attribution.solarToHome,
          batteryToHome: iv.attribution.batteryToHome,
          gridToHome: iv.attribution.gridToHome,
          importWh: iv.flows.gridImport.wh,
          importCents: null,
          provenance: leastDirect(iv),
        },
      ],
      { location: "home", gramsPerWh: null, priced: false },
    );
    solarSharePct = s.solarSharePct;
  }
  return {
    atMs: at,
    charging,
    powerW,
    solarSharePct,
    batteryPct: lastOf(w.vehicle?.batteryPct),
    chargingState,
  };
}

export { systemOf as evSystemOf };
