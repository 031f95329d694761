import { ERROR_MODES, type EmulatorRequest, type EmulatorResponse, type ErrorMode, type VendorEmulator } from "./types";
import type { ClockOption, ModeRequest, VendorStats } from "./control";

/**
 * What the control API (and code running the emulators in-process) can do with running emulators. Declared
 * here, not in server.ts, so the server imports its control API and nothing imports back.
 */
export interface EmulatorControl {
  /** The emulators' current time in ms. */
  now(): number;
  /** Sets the virtual clock (null = real time); running = let it advance in real time from timeMs. */
  setClock(timeMs: ClockOption, opts?: { running?: boolean }): void;
  /** Whether the clock is virtual (set) rather than real time. */
  isClockVirtual(): boolean;
  /** Sets an error mode for a vendor or one of its sites (mode ok clears it). */
  setMode(req: ModeRequest): void;
  setLatency(ms: number): void;
  stats(): Record<string, VendorStats>;
  /** The simulator's true state of a vendor's site at timeMs (default: now). */
  truth(vendor: string, siteId: string, timeMs?: number): unknown;
  /** Clears modes, stats and sessions and restores the clock and latency given at start. */
  reset(): void;
  /** A mounted emulator by vendor type (for vendor-specific controls). */
  emulator(vendor: string): VendorEmulator | undefined;
}

const bad = (message: string): EmulatorResponse => ({ status: 400, body: { error: message } });

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = body.trim() === "" ? {} : JSON.parse(body);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The /__control HTTP API (local tooling only, no auth):
 * GET|POST clock, GET|POST mode, POST latency, GET stats, GET truth/:vendor/:siteId?timeMs=, POST reset.
 */
export function handleControl(control: EmulatorControl, req: EmulatorRequest): EmulatorResponse {
  const route = req.path.slice("/__control/".length);
  const body = req.method === "POST" ? parseJson(req.body) : {};
  if (body === null) return bad("body must be a JSON object");
  try {
    if (route === "clock") {
      if (req.method === "POST") {
        const t = body.timeMs;
        if (t !== null && (typeof t !== "number" || !Number.isFinite(t))) return bad("timeMs must be a number or null");
        control.setClock(t, { running: body.running === true });
      }
      return { status: 200, body: { timeMs: control.now(), virtual: control.isClockVirtual() } };
    }
    if (route === "mode") {
      if (req.method === "POST") {
        const { vendor, mode, siteId, count } = body;
        if (typeof vendor !== "string") return bad("vendor is required, e.g. selectronic");
        if (!ERROR_MODES.includes(mode as ErrorMode)) return bad(`mode must be one of ${ERROR_MODES.join(", ")}`);
        if (siteId !== undefined && typeof siteId !== "string") return bad("siteId must be a string");
        if (count !== undefined && typeof count !== "number") return bad("count must be a number");
        control.setMode({ vendor, mode: mode as ErrorMode, siteId, count });
      }
      return { status: 200, body: { ok: true } };
    }
    if (route === "latency" && req.method === "POST") {
      control.setLatency(Number(body.latencyMs));
      return { status: 200, body: { ok: true } };
    }
    if (route === "stats" && req.method === "GET") return { status: 200, body: control.stats() };
    if (route === "reset" && req.method === "POST") {
      control.reset();
      return { status: 200, body: { ok: true } };
    }
    const truth = /^truth\/([^/]+)\/([^/]+)$/.exec(route);
    if (truth && req.method === "GET") {
      const t = req.query.get("timeMs");
      const timeMs = t === null || t === "" ? undefined : Number(t);
      if (timeMs !== undefined && !Number.isFinite(timeMs)) return bad("timeMs must be a number");
      const state = control.truth(decodeURIComponent(truth[1]), decodeURIComponent(truth[2]), timeMs);
      return state === undefined
        ? { status: 404, body: { error: "unknown site" } }
        : { status: 200, body: state as object };
    }
    return { status: 404, body: { error: `unknown control route ${req.method} ${req.path}` } };
  } catch (err) {
    return bad(err instanceof Error ? err.message : String(err));
  }
}
