import { Simulator, simulator as sharedSimulator } from "../sim";
import type { EmulatorResponse, HandlerContext, RouteMatch, VendorEmulator } from "../types";
import { defaultSolarEdgeAccounts, SOLAREDGE_DEMO_KEY, type SolarEdgeSite } from "./accounts";
import { details, METERS, parseLocal, powerFlow, type Meter } from "./payloads";

const DAY_MS = 86_400_000;
/** QUARTER_OF_AN_HOUR requests may span at most one month. */
const MAX_RANGE_MS = 31 * DAY_MS;

/** SolarEdge's Monitoring API limits: 300 calls a day per site and per key, 3 concurrent per key. */
export interface SolarEdgeLimits {
  perDay: number;
  concurrent: number;
}

/** The SolarEdge emulator plus its vendor-specific controls. */
export interface SolarEdgeEmulator extends VendorEmulator {
  /** Holds every API answer this long (ms of real time) so concurrent calls overlap (concurrency tests). */
  setHoldMs(ms: number): void;
  /** Calls counted today (UTC day of nowMs) for a key and for a site. */
  usage(nowMs: number, key?: string, siteId?: number): { key: number; site: number };
}

const text = (status: number, body: string): EmulatorResponse => ({
  status,
  headers: { "content-type": "text/plain" },
  body,
});
const error = (status: number, message: string) => ({ status, body: { String: message } });

/** Creates the Monitoring API emulator mounted at /solaredge (API key in the query string). */
export function createSolarEdgeEmulator(
  opts: { simulator?: Simulator; limits?: SolarEdgeLimits | null } = {},
): SolarEdgeEmulator {
  const sim = opts.simulator ?? sharedSimulator;
  const limits = opts.limits === undefined ? { perDay: 300, concurrent: 3 } : opts.limits;
  let accounts = defaultSolarEdgeAccounts();
  let holdMs = 0;
  const counts = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const day = (nowMs: number) => Math.floor(nowMs / DAY_MS);
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1).get(k)!;

  /** Key check, daily quota and concurrency around a handler; counts the call like the real API does. */
  const guarded =
    (siteId: number | null, handler: (ctx: HandlerContext, sites: SolarEdgeSite[]) => EmulatorResponse) =>
    async (ctx: HandlerContext): Promise<EmulatorResponse> => {
      const key = ctx.req.query.get("api_key");
      if (!key) return error(401, "Missing api_key");
      const sites = accounts.get(key);
      if (!sites || ctx.mode === "bad_credentials" || ctx.mode === "expired_session") {
        return error(403, "Invalid token");
      }
      if (siteId !== null && !sites.some((s) => s.siteId === siteId)) return error(403, "Forbidden");
      if (limits) {
        const d = day(ctx.nowMs);
        const keyCalls = bump(`${key}|${d}`);
        const siteCalls = siteId === null ? 0 : bump(`site:${siteId}|${d}`);
        if (keyCalls > limits.perDay || siteCalls > limits.perDay) {
          const wait = Math.ceil(((d + 1) * DAY_MS - ctx.nowMs) / 1000);
          return { status: 429, headers: { "retry-after": String(wait) }, body: { String: "Too many requests" } };
        }
        const active = (inFlight.get(key) ?? 0) + 1;
        if (active > limits.concurrent) {
          return { status: 429, headers: { "retry-after": "1" }, body: { String: "Too many concurrent requests" } };
        }
        inFlight.set(key, active);
      }
      try {
        if (holdMs > 0) await new Promise((r) => setTimeout(r, holdMs));
        return handler(ctx, sites);
      } finally {
        if (limits) inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
      }
    };

  const siteOf = (sites: SolarEdgeSite[], id: number) => sites.find((s) => s.siteId === id)!;

  const sitesList = (ctx: HandlerContext, sites: SolarEdgeSite[]): EmulatorResponse => ({
    status: 200,
    body: { sites: { count: sites.length, site: sites.map((s) => siteDetails(s)) } },
  });

  const currentPowerFlow = (id: number) => (ctx: HandlerContext, sites: SolarEdgeSite[]) => {
    if (ctx.mode === "malformed_json") return text(200, '{"siteCurrentPowerFlow":{"unit":"kW","GRID":{');
    if (ctx.mode === "empty_data") return { status: 200, body: { siteCurrentPowerFlow: {} } };
    const site = siteOf(sites, id);
    return { status: 200, body: powerFlow(sim.stateAt(site.site, ctx.nowMs), site) };
  };

  const meterDetails = (id: number, kind: "energy" | "power") => (ctx: HandlerContext, sites: SolarEdgeSite[]) => {
    const site = siteOf(sites, id);
    const q = ctx.req.query;
    const zone = site.site.timezone;
    const from = parseLocal(q.get("startTime"), zone);
    const to = parseLocal(q.get("endTime"), zone);
    if (from === null || to === null) return error(400, "startTime and endTime must be 'YYYY-MM-DD hh:mm:ss'");
    if (to <= from) return error(400, "endTime must be after startTime");
    if (to - from > MAX_RANGE_MS) return error(403, "Requested time frame exceeds one month");
    if ((q.get("timeUnit") ?? "DAY") !== "QUARTER_OF_AN_HOUR") {
      return error(400, "The emulator supports timeUnit=QUARTER_OF_AN_HOUR only");
    }
    const asked = (q.get("meters") ?? METERS.join(",")).split(",").map((m) => m.trim());
    const meters = METERS.filter((m) => asked.some((a) => a.toLowerCase() === m.toLowerCase())) as Meter[];
    if (ctx.mode === "malformed_json")
      return text(200, `{"${kind}Details":{"timeUnit":"QUARTER_OF_AN_HOUR","meters":[`);
    if (ctx.mode === "empty_data") {
      const unit = kind === "energy" ? "Wh" : "W";
      return { status: 200, body: { [`${kind}Details`]: { timeUnit: "QUARTER_OF_AN_HOUR", unit, meters: [] } } };
    }
    return { status: 200, body: details(sim, site, meters, from, Math.min(to, from + MAX_RANGE_MS), ctx.nowMs, kind) };
  };

  const allSites = () => [...accounts.values()].flat();

  return {
    vendor: "solaredge",
    prefix: "/solaredge",
    route(req): RouteMatch | null {
      if (req.method !== "GET") return null;
      const p = req.path.replace(/\/+$/, "") || "/";
      // The sites list is where a key is first checked (setup), so bad_credentials acts there ("login").
      if (p === "/sites/list") return { kind: "login", handle: guarded(null, sitesList) };
      const m = /^\/site\/(\d+)\/(details|currentPowerFlow|energyDetails|powerDetails)$/.exec(p);
      if (!m) return null;
      const id = Number(m[1]);
      const handlers = {
        details: (_ctx: HandlerContext, sites: SolarEdgeSite[]) => ({
          status: 200,
          body: { details: siteDetails(siteOf(sites, id)) },
        }),
        currentPowerFlow: currentPowerFlow(id),
        energyDetails: meterDetails(id, "energy"),
        powerDetails: meterDetails(id, "power"),
      };
      return { kind: "data", siteId: m[1], handle: guarded(id, handlers[m[2] as keyof typeof handlers]) };
    },
    truth: (id, timeMs) => {
      const site = allSites().find((s) => String(s.siteId) === id);
      return site ? sim.stateAt(site.site, timeMs) : undefined;
    },
    reset: () => {
      accounts = defaultSolarEdgeAccounts();
      holdMs = 0;
      counts.clear();
      inFlight.clear();
    },
    describe: () =>
      [...accounts].map(([key, sites]) => `api_key ${key}: ${sites.map((s) => `${s.siteId} (${s.name})`).join(", ")}`),
    setHoldMs: (ms) => {
      holdMs = ms;
    },
    usage: (nowMs, key = SOLAREDGE_DEMO_KEY, siteId) => ({
      key: counts.get(`${key}|${day(nowMs)}`) ?? 0,
      site: siteId === undefined ? 0 : (counts.get(`site:${siteId}|${day(nowMs)}`) ?? 0),
    }),
  };
}

/** A site as /sites/list and /site/{id}/details describe it (latitude/longitude are an emulator extra). */
function siteDetails(s: SolarEdgeSite) {
  return {
    id: s.siteId,
    name: s.name,
    accountId: 7001,
    status: "Active",
    peakPower: s.site.pvPeakW / 1000,
    currency: "AUD",
    installationDate: "2023-03-14",
    type: "Optimizers & Inverters",
    location: {
      country: "Australia",
      city: s.city,
      address: `1 ${s.city} Street`,
      timeZone: s.site.timezone,
      countryCode: "AU",
      latitude: s.site.lat,
      longitude: s.site.lng,
    },
    primaryModule: { manufacturerName: "Demo Solar", modelName: "DS-400", maximumPower: 400 },
  };
}
