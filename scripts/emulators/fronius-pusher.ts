/**
 * A stand-in for a Fronius site's logger: every minute it POSTs the last minute of a simulated site to our
 * /api/push/fronius with the system's push secret, as the real pusher on a LAN would.
 */
import { DEMO_SITES, simulator as sharedSimulator, type Simulator, type SiteConfig } from "./sim";

const MIN = 60_000;

export interface FroniusPusherOptions {
  /** The app's base URL, e.g. http://localhost:3000. */
  appUrl: string;
  /** The system's push secret (shown once when the system was added). */
  apiKey: string;
  /** A demo site id ("1001") or a site config. */
  site: string | SiteConfig;
  /** Push period (default one minute). */
  intervalMs?: number;
  /** Time source (default Date.now; the demo may pass the emulators' virtual clock). */
  clock?: () => number;
  simulator?: Simulator;
  /** Called after each push with its outcome (never with the key). */
  onPush?: (outcome: PushOutcome) => void;
}

export interface PushOutcome {
  timestamp: string;
  status: number;
  ok: boolean;
  body: unknown;
}

export interface FroniusPusher {
  /** Pushes the minute that ended last, now (also done by the timer). */
  pushOnce(): Promise<PushOutcome>;
  /** Stops the timer and waits for a push in flight. */
  stop(): Promise<void>;
  readonly pushes: number;
  readonly failures: number;
}

/**
 * The push body for the minute (tMs − 1 min, tMs]: average powers of that minute, SOC at tMs, and interval energies
 * from the simulator's counters. Signs: batteryW + discharging, gridW + import (Fronius' P_Akku / P_Grid convention).
 */
export function froniusPushBody(
  sim: Simulator,
  site: SiteConfig,
  tMs: number,
  apiKey: string,
  sequence: number | string,
): Record<string, unknown> {
  const minute = sim.stateAt(site, tMs - MIN);
  const end = sim.stateAt(site, tMs);
  const a = minute.counters;
  const b = end.counters;
  const r = (v: number, dp = 1) => Math.round(v * 10 ** dp) / 10 ** dp;
  return {
    apiKey,
    action: "store",
    timestamp: new Date(tMs).toISOString(),
    sequence: String(sequence),
    solarW: r(minute.solarW),
    solarLocalW: r(minute.solarLocalW),
    solarRemoteW: r(minute.solarRemoteW),
    loadW: r(minute.loadW),
    batteryW: r(minute.batteryW),
    gridW: r(minute.gridW),
    batterySOC: r(end.socPct),
    faultCode: 0,
    faultTimestamp: 0,
    generatorStatus: 0,
    solarWhInterval: r(b.solarWh - a.solarWh, 3),
    loadWhInterval: r(b.loadWh - a.loadWh, 3),
    batteryInWhInterval: r(b.batteryInWh - a.batteryInWh, 3),
    batteryOutWhInterval: r(b.batteryOutWh - a.batteryOutWh, 3),
    gridInWhInterval: r(b.gridInWh - a.gridInWh, 3),
    gridOutWhInterval: r(b.gridOutWh - a.gridOutWh, 3),
  };
}

/** Starts pushing (first push at once, then every intervalMs); returns a handle to push on demand and to stop. */
export function startFroniusPusher(o: FroniusPusherOptions): FroniusPusher {
  const site = typeof o.site === "string" ? DEMO_SITES[o.site] : o.site;
  if (!site) throw new Error(`unknown demo site ${String(o.site)}; one of ${Object.keys(DEMO_SITES).join(", ")}`);
  const sim = o.simulator ?? sharedSimulator;
  const clock = o.clock ?? Date.now;
  const url = `${o.appUrl.replace(/\/+$/, "")}/api/push/fronius`;
  let sequence = 0;
  let pushes = 0;
  let failures = 0;
  let inFlight: Promise<unknown> = Promise.resolve();

  const pushOnce = async (): Promise<PushOutcome> => {
    const tMs = Math.floor(clock() / MIN) * MIN;
    const body = froniusPushBody(sim, site, tMs, o.apiKey, ++sequence);
    let outcome: PushOutcome;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep the text
      }
      outcome = { timestamp: body.timestamp as string, status: res.status, ok: res.ok, body: parsed };
    } catch (err) {
      outcome = { timestamp: body.timestamp as string, status: 0, ok: false, body: String(err) };
    }
    pushes++;
    if (!outcome.ok) failures++;
    o.onPush?.(outcome);
    return outcome;
  };

  const tick = () => {
    inFlight = pushOnce().catch(() => undefined);
  };
  tick();
  const timer = setInterval(tick, o.intervalMs ?? MIN);
  timer.unref?.();

  return {
    pushOnce,
    stop: async () => {
      clearInterval(timer);
      await inFlight;
    },
    get pushes() {
      return pushes;
    },
    get failures() {
      return failures;
    },
  };
}
