import { ERROR_MODES, type ErrorMode, type RouteKind } from "./types";

/** A clock source: a fixed virtual time (ms), a function, or null for real time. */
export type ClockOption = number | (() => number) | null;

/** The emulators' clock: real time unless set; a set time stays frozen unless `running` lets it advance in real time. */
export class VirtualClock {
  private source: ClockOption = null;

  constructor(initial: ClockOption = null) {
    this.set(initial);
  }

  /** Sets the virtual time (null = real time); running = advance from timeMs at real speed. */
  set(value: ClockOption, running = false): void {
    if (typeof value === "number" && running) {
      const realStart = Date.now();
      this.source = () => value + (Date.now() - realStart);
    } else {
      this.source = value;
    }
  }

  /** Current emulated time in ms. */
  now(): number {
    const s = this.source;
    return s === null ? Date.now() : typeof s === "number" ? s : s();
  }

  get isVirtual(): boolean {
    return this.source !== null;
  }
}

/** Which request kinds a mode acts on; a mode is only consumed (count decremented) by requests it affects. */
const APPLIES: Record<ErrorMode, RouteKind[]> = {
  ok: [],
  bad_credentials: ["login"],
  expired_session: ["data", "page"],
  rate_limit: ["login", "data", "page"],
  server_error: ["login", "data", "page"],
  maintenance: ["login", "data", "page"],
  timeout: ["login", "data", "page"],
  malformed_json: ["data"],
  empty_data: ["data"],
  asleep: ["data"],
  vehicle_unavailable: ["data"],
};

interface ModeEntry {
  mode: ErrorMode;
  remaining: number | null;
}

/** A request to change a vendor's (or one site's) behaviour; count = requests affected before reverting to ok. */
export interface ModeRequest {
  vendor: string;
  mode: ErrorMode;
  siteId?: string;
  count?: number;
}

/** Active error modes per vendor and per site. */
export class ModeTable {
  private readonly entries = new Map<string, ModeEntry>();

  /** Sets (or, with mode ok, clears) a mode; expired_session defaults to one request, the others last until changed. */
  set(req: ModeRequest): void {
    if (!ERROR_MODES.includes(req.mode)) throw new Error(`unknown mode ${req.mode}; one of ${ERROR_MODES.join(", ")}`);
    const key = req.siteId ? `${req.vendor}|${req.siteId}` : req.vendor;
    if (req.mode === "ok") {
      this.entries.delete(key);
      return;
    }
    const count = req.count ?? (req.mode === "expired_session" ? 1 : null);
    if (count !== null && (!Number.isInteger(count) || count < 1)) throw new Error("count must be a positive integer");
    this.entries.set(key, { mode: req.mode, remaining: count });
  }

  /** The mode that applies to this request (site-specific first), consuming one use of it; ok when none applies. */
  take(vendor: string, siteId: string | undefined, kind: RouteKind): ErrorMode {
    for (const key of siteId ? [`${vendor}|${siteId}`, vendor] : [vendor]) {
      const e = this.entries.get(key);
      if (!e || !APPLIES[e.mode].includes(kind)) continue;
      if (e.remaining !== null && --e.remaining <= 0) this.entries.delete(key);
      return e.mode;
    }
    return "ok";
  }

  /** The active modes, for GET /__control/mode. */
  list(): Array<{ vendor: string; siteId?: string; mode: ErrorMode; remaining: number | null }> {
    return [...this.entries].map(([key, e]) => {
      const [vendor, siteId] = key.split("|");
      return { vendor, ...(siteId ? { siteId } : {}), mode: e.mode, remaining: e.remaining };
    });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Per-vendor counters of what the emulators served. */
export interface VendorStats {
  requests: number;
  logins: number;
  loginFailures: number;
  byKind: Record<RouteKind, number>;
  /** Requests answered with an injected error mode, by mode. */
  injected: Partial<Record<ErrorMode, number>>;
  sites: Record<string, { requests: number }>;
  /** Successful logins per account. */
  accounts: Record<string, number>;
}

/** Request and login counters per vendor, site and account. */
export class StatsTable {
  private vendors: Record<string, VendorStats> = {};

  private v(vendor: string): VendorStats {
    return (this.vendors[vendor] ??= {
      requests: 0,
      logins: 0,
      loginFailures: 0,
      byKind: { login: 0, data: 0, page: 0 },
      injected: {},
      sites: {},
      accounts: {},
    });
  }

  /** Counts one request of a kind (and its site, if any). */
  request(vendor: string, kind: RouteKind, siteId?: string): void {
    const v = this.v(vendor);
    v.requests++;
    v.byKind[kind]++;
    if (siteId) (v.sites[siteId] ??= { requests: 0 }).requests++;
  }

  /** Counts a login attempt of an account. */
  login(vendor: string, account: string, ok: boolean): void {
    const v = this.v(vendor);
    if (!ok) {
      v.loginFailures++;
      return;
    }
    v.logins++;
    v.accounts[account] = (v.accounts[account] ?? 0) + 1;
  }

  /** Counts a request answered with an injected mode. */
  injected(vendor: string, mode: ErrorMode): void {
    const v = this.v(vendor);
    v.injected[mode] = (v.injected[mode] ?? 0) + 1;
  }

  /** A deep copy of the counters. */
  snapshot(): Record<string, VendorStats> {
    return structuredClone(this.vendors);
  }

  clear(): void {
    this.vendors = {};
  }
}
