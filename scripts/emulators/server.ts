import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleControl, type EmulatorControl } from "./control-api";
import { ModeTable, StatsTable, VirtualClock, type ClockOption } from "./control";
import { createSelectLiveEmulator } from "./select-live/emulator";
import { createEnphaseEmulator } from "./enphase/emulator";
import { createSolarEdgeEmulator } from "./solaredge/emulator";
import { createAmberEmulator } from "./amber/emulator";
import { createMondoEmulators } from "./mondo/emulator";
import { TESLA_DEMO_WALL_CONNECTORS } from "./tesla/accounts";
import { createTeslaEmulator } from "./tesla/emulator";
import type { EmulatorRequest, EmulatorResponse, ErrorMode, VendorEmulator } from "./types";

export interface StartEmulatorsOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Delay before every vendor response, in ms (default 0). */
  latencyMs?: number;
  /** Virtual clock: a fixed time in ms, a function, or null/undefined for real time. */
  clock?: ClockOption;
  /** Emulators to mount (default: every built-in one as the demo has it: the Powerwall site with its Wall Connector). */
  emulators?: VendorEmulator[];
}

/** In-process control of running emulators: the same operations as the /__control HTTP API. */
export type { EmulatorControl };

export interface RunningEmulators {
  /** Server root, e.g. http://127.0.0.1:3300 (vendor base URLs are under it). */
  url: string;
  port: number;
  /** Base URL per vendor type, e.g. { selectronic: "http://127.0.0.1:3300/select-live" }. */
  urls: Record<string, string>;
  control: EmulatorControl;
  /** Stops the server, dropping pending (latency or timeout) responses. */
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

/** Starts one HTTP server hosting every vendor emulator under its prefix, plus the /__control API. */
export async function startEmulators(opts: StartEmulatorsOptions = {}): Promise<RunningEmulators> {
  const emulators = opts.emulators ?? [
    createSelectLiveEmulator(),
    createEnphaseEmulator(),
    createSolarEdgeEmulator(),
    createAmberEmulator(),
    ...createMondoEmulators(),
    createTeslaEmulator({ wallConnectors: TESLA_DEMO_WALL_CONNECTORS }),
  ];
  const clock = new VirtualClock(opts.clock ?? null);
  const modes = new ModeTable();
  const stats = new StatsTable();
  let latencyMs = opts.latencyMs ?? 0;
  const timers = new Set<NodeJS.Timeout>();
  const byVendor = new Map(emulators.map((e) => [e.vendor, e]));

  const control: EmulatorControl = {
    now: () => clock.now(),
    setClock: (t, o) => clock.set(t, o?.running),
    isClockVirtual: () => clock.isVirtual,
    setMode: (r) => {
      if (!byVendor.has(r.vendor)) throw new Error(`unknown vendor ${r.vendor}; one of ${[...byVendor.keys()]}`);
      modes.set(r);
    },
    setLatency: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new Error("latencyMs must be a non-negative number");
      latencyMs = ms;
    },
    stats: () => stats.snapshot(),
    truth: (vendor, siteId, timeMs) => {
      const e = byVendor.get(vendor);
      if (!e?.truth) throw new Error(`no truth for vendor ${vendor}`);
      return e.truth(siteId, timeMs ?? clock.now());
    },
    reset: () => {
      modes.clear();
      stats.clear();
      clock.set(opts.clock ?? null);
      latencyMs = opts.latencyMs ?? 0;
      for (const e of emulators) e.reset?.();
    },
    emulator: (vendor) => byVendor.get(vendor),
  };

  const send = (res: ServerResponse, r: EmulatorResponse, delayMs: number) => {
    const write = () => {
      if (res.destroyed) return;
      const json = typeof r.body === "object";
      const body = r.body === undefined ? "" : json ? JSON.stringify(r.body) : String(r.body);
      const headers = { ...(json ? { "content-type": "application/json" } : {}), ...r.headers };
      res.writeHead(r.status, headers).end(body);
    };
    if (delayMs <= 0) return write();
    const t = setTimeout(() => {
      timers.delete(t);
      write();
    }, delayMs);
    timers.add(t);
  };

  const handleVendor = async (e: VendorEmulator, req: EmulatorRequest, res: ServerResponse) => {
    const match = e.route(req);
    if (!match) return send(res, { status: 404, body: "Not Found" }, latencyMs);
    stats.request(e.vendor, match.kind, match.siteId);
    const mode = modes.take(e.vendor, match.siteId, match.kind);
    if (mode !== "ok") stats.injected(e.vendor, mode);
    const generic = genericResponse(mode);
    if (mode === "timeout") return; // never answer: the client must give up (close() drops the socket)
    if (generic) return send(res, generic, latencyMs);
    const response = await match.handle({
      req,
      nowMs: clock.now(),
      mode,
      recordLogin: (account, ok) => stats.login(e.vendor, account, ok),
    });
    send(res, response, latencyMs);
  };

  const server = createServer((req, res) => {
    readRequest(req)
      .then(async (parsed) => {
        if (parsed.path.startsWith("/__control/")) {
          return send(res, handleControl(control, parsed), 0);
        }
        const e = emulators.find((x) => parsed.path === x.prefix || parsed.path.startsWith(`${x.prefix}/`));
        if (!e) return send(res, { status: 404, body: `No emulator at ${parsed.path}` }, 0);
        await handleVendor(e, { ...parsed, path: parsed.path.slice(e.prefix.length) || "/" }, res);
      })
      .catch((err: unknown) => send(res, { status: 500, body: `Emulator error: ${String(err)}` }, 0));
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${opts.host ?? "127.0.0.1"}:${port}`;

  return {
    url,
    port,
    urls: Object.fromEntries(emulators.map((e) => [e.vendor, `${url}${e.prefix}`])),
    control,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The response of a mode the framework acts out for every vendor alike, or null. */
function genericResponse(mode: ErrorMode): EmulatorResponse | null {
  switch (mode) {
    case "rate_limit":
      return { status: 429, headers: { "retry-after": "30", "content-type": "text/plain" }, body: "Too Many Requests" };
    case "server_error":
      return { status: 500, headers: { "content-type": "text/html" }, body: "<h1>500 Internal Server Error</h1>" };
    case "maintenance":
      return {
        status: 503,
        headers: { "content-type": "text/html", "retry-after": "300" },
        body: "<h1>Service Unavailable</h1><p>Down for maintenance.</p>",
      };
    default:
      return null;
  }
}

async function readRequest(req: IncomingMessage): Promise<EmulatorRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  const u = new URL(req.url ?? "/", "http://emulator");
  return {
    method: req.method ?? "GET",
    path: u.pathname,
    query: u.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks).toString("utf8"),
  };
}
