import { DateTime } from "luxon";
import { Simulator, simulator as sharedSimulator } from "../sim";
import type { EmulatorRequest, EmulatorResponse, HandlerContext, RouteMatch, VendorEmulator } from "../types";
import {
  defaultTeslaUser,
  TESLA_DEMO_APP,
  TESLA_DEMO_REFRESH_TOKEN,
  type TeslaEnergySite,
  type TeslaUser,
  type TeslaVehicle,
} from "./accounts";
import { issueToken, readToken, type TokenClaims } from "./tokens";
import { energyRow, liveStatusBody, powerRow, siteInfoBody, siteListing } from "./site";
import { chargeState, vehicleAt } from "./vehicle";

/** Access tokens last about 8 hours (expires_in 28800). */
export const ACCESS_TTL_S = 28_800;
export const REFRESH_TTL_MS = 90 * 86_400_000;
const CODE_TTL_MS = 10 * 60_000;
const DEFAULT_SCOPE = "openid offline_access energy_device_data vehicle_device_data";

/** The Tesla emulator plus its vendor-specific controls and counters. */
export interface TeslaEmulator extends VendorEmulator {
  /** Makes the next authorizations (while `deny` is true) answer error=access_denied. */
  setDeny(deny: boolean): void;
  /** Requests per kind since the last reset: `vehicle_data`, `wake_up`, `energy`, `token`. */
  counts(): Record<string, number>;
  /** Gives an energy site Wall Connectors (their DINs; [] for none) until the next reset (which restores the
   * `wallConnectors` the emulator was created with). */
  setWallConnectors(siteId: string, dins: string[]): void;
}

const json = (status: number, body: object, headers: Record<string, string> = {}): EmulatorResponse => ({
  status,
  headers,
  body,
});
const fleetError = (status: number, error: string) => json(status, { response: null, error, error_description: "" });

/**
 * Creates the Fleet API emulator mounted at /tesla: OAuth (authorize + token with rotating refresh tokens), products,
 * energy site info / live status / calendar history, vehicles and vehicle_data, wake_up. The auth host and the
 * regional API host are both this prefix. Error modes: the shared ones (rate_limit → 429 Retry-After, expired_session
 * → 401 on the next API call, bad_credentials → grant revoked) plus `asleep` (the car sleeps: listed asleep, 408)
 * and `vehicle_unavailable` (408 although listed online).
 */
export function createTeslaEmulator(
  opts: { simulator?: Simulator; wallConnectors?: Record<string, string[]> } = {},
): TeslaEmulator {
  const sim = opts.simulator ?? sharedSimulator;
  /** The account at start and after every reset: the default user with the Wall Connectors asked for (off by default). */
  const initialUser = (): TeslaUser => {
    const u = defaultTeslaUser();
    for (const s of u.sites) {
      const dins = opts.wallConnectors?.[s.energySiteId];
      if (dins) s.wallConnectorDins = [...dins];
    }
    return u;
  };
  let user: TeslaUser = initialUser();
  let deny = false;
  const used = new Set<string>();
  const counters = new Map<string, number>();
  const count = (k: string) => counters.set(k, (counters.get(k) ?? 0) + 1);
  /** Cars woken by wake_up stay online this long (ms of emulator time). */
  const wokenUntil = new Map<string, number>();

  const siteOf = (id: string) => user.sites.find((s) => s.energySiteId === id);
  const vehicleOf = (id: string) => user.vehicles.find((v) => v.id === id || v.vin === id);
  const homeOf = (v: TeslaVehicle) => siteOf(v.homeSiteId)!;

  const authorize = (ctx: HandlerContext): EmulatorResponse => {
    const q = ctx.req.query;
    const redirect = q.get("redirect_uri");
    if (q.get("client_id") !== TESLA_DEMO_APP.clientId || !redirect || q.get("response_type") !== "code") {
      return { status: 400, headers: { "content-type": "text/html" }, body: "<h1>Invalid client or request</h1>" };
    }
    const target = new URL(redirect);
    const state = q.get("state");
    if (deny || q.get("deny") === "1") {
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_description", "The user denied the request");
    } else {
      const code = issueToken({
        kind: "code",
        uid: user.uid,
        scope: q.get("scope") ?? DEFAULT_SCOPE,
        exp: ctx.nowMs + CODE_TTL_MS,
        clientId: TESLA_DEMO_APP.clientId,
        redirectUri: redirect,
      });
      target.searchParams.set("code", code);
    }
    if (state !== null) target.searchParams.set("state", state);
    return { status: 302, headers: { location: target.toString() }, body: "" };
  };

  const tokenPair = (uid: string, scope: string, nowMs: number) => ({
    access_token: issueToken({ kind: "access", uid, scope, exp: nowMs + ACCESS_TTL_S * 1000 }),
    refresh_token: issueToken({ kind: "refresh", uid, scope, exp: nowMs + REFRESH_TTL_MS }),
    id_token: issueToken({ kind: "access", uid, scope: "openid", exp: nowMs + ACCESS_TTL_S * 1000 }),
    token_type: "Bearer",
    expires_in: ACCESS_TTL_S,
    scope,
  });

  const token = (ctx: HandlerContext): EmulatorResponse => {
    count("token");
    const form = new URLSearchParams(ctx.req.body);
    const clientId = form.get("client_id");
    if (clientId !== TESLA_DEMO_APP.clientId) {
      ctx.recordLogin(clientId ?? "(none)", false);
      return json(401, { error: "invalid_client", error_description: "Unknown client_id" });
    }
    const refused = (status: number, why: string) => {
      ctx.recordLogin(clientId, false);
      return json(status, { error: "invalid_grant", error_description: why });
    };
    if (ctx.mode === "bad_credentials") return refused(401, "Authorization revoked by the user");
    const grant = form.get("grant_type");
    let claims: TokenClaims | null;
    if (grant === "authorization_code") {
      if (form.get("client_secret") !== TESLA_DEMO_APP.clientSecret) {
        ctx.recordLogin(clientId, false);
        return json(401, { error: "invalid_client", error_description: "Bad client secret" });
      }
      claims = readToken(form.get("code"), "code");
      if (!claims || claims.exp < ctx.nowMs || used.has(claims.jti)) return refused(400, "Invalid authorization code");
      if (claims.redirectUri !== form.get("redirect_uri")) return refused(400, "Redirect URI mismatch");
      used.add(claims.jti);
    } else if (grant === "refresh_token") {
      const rt = form.get("refresh_token");
      claims =
        rt === TESLA_DEMO_REFRESH_TOKEN
          ? { kind: "refresh", uid: user.uid, scope: DEFAULT_SCOPE, exp: Infinity, jti: "demo" }
          : readToken(rt, "refresh");
      if (!claims || claims.exp < ctx.nowMs) return refused(401, "Invalid refresh token");
      // Refresh tokens are single use: the rotated one answers 401 from then on.
      if (used.has(claims.jti)) return refused(401, "Refresh token already used (rotated)");
      if (claims.jti !== "demo") used.add(claims.jti);
    } else {
      return json(400, { error: "unsupported_grant_type", error_description: `grant_type ${grant}` });
    }
    ctx.recordLogin(claims.uid, true);
    return json(200, tokenPair(claims.uid, claims.scope, ctx.nowMs));
  };

  /** The bearer token's claims, or the 401 to send. */
  const gate = (ctx: HandlerContext): TokenClaims | EmulatorResponse => {
    const bearer = /^Bearer\s+(.+)$/i.exec(header(ctx.req, "authorization") ?? "")?.[1];
    const claims = readToken(bearer, "access");
    if (!claims || claims.uid !== user.uid) return fleetError(401, "invalid bearer token");
    if (claims.exp < ctx.nowMs || ctx.mode === "expired_session") return fleetError(401, "token expired (401)");
    return claims;
  };
  const has = (c: TokenClaims, scope: string) => c.scope.split(/\s+/).includes(scope);

  const products = (ctx: HandlerContext): EmulatorResponse => {
    const c = gate(ctx);
    if ("status" in c) return c;
    if (ctx.mode === "malformed_json") return malformed('{"response":[{"energy_site_id":16');
    const list = [
      ...(has(c, "vehicle_device_data") ? user.vehicles.map((v) => vehicleListing(v, onlineState(v, ctx))) : []),
      ...(has(c, "energy_device_data") ? user.sites.map(siteListing) : []),
    ];
    return json(200, { response: ctx.mode === "empty_data" ? [] : list, count: list.length });
  };

  const onlineState = (v: TeslaVehicle, ctx: HandlerContext): string => {
    if (ctx.mode === "asleep") return "asleep";
    if ((wokenUntil.get(v.id) ?? 0) > ctx.nowMs) return "online";
    return vehicleAt(v, homeOf(v).site, ctx.nowMs).state;
  };

  const siteInfo = (s: TeslaEnergySite, ctx: HandlerContext): EmulatorResponse => {
    const c = gate(ctx);
    if ("status" in c) return c;
    count("energy");
    return json(200, { response: siteInfoBody(s) });
  };

  const liveStatus = (s: TeslaEnergySite, ctx: HandlerContext): EmulatorResponse => {
    const c = gate(ctx);
    if ("status" in c) return c;
    count("energy");
    if (ctx.mode === "malformed_json") return malformed('{"response":{"solar_power":31');
    return json(200, { response: liveStatusBody(s, sim.stateAt(s.site, ctx.nowMs), user.vehicles, ctx.nowMs) });
  };

  /**
   * calendar_history of one local day (the day of end_date in the site's zone): kind=energy gives one row, or
   * 15-minute rows with interval=15m; kind=power gives 15-minute average powers from local midnight (no load, and
   * the day's `time_zone_offset`). Rows are stamped at their start in local time; the current one is partial.
   */
  const calendarHistory = (s: TeslaEnergySite, ctx: HandlerContext): EmulatorResponse => {
    const c = gate(ctx);
    if ("status" in c) return c;
    count("energy");
    const q = ctx.req.query;
    const zone = s.site.timezone;
    const kind = q.get("kind");
    const end = q.get("end_date") ? DateTime.fromISO(q.get("end_date")!, { setZone: true }) : null;
    if ((kind !== "energy" && kind !== "power") || !end?.isValid) {
      return fleetError(400, "kind=energy|power and end_date are required");
    }
    const day = end.setZone(zone).startOf("day");
    const stepMin = kind === "power" || q.get("interval") === "15m" ? 15 : 1440;
    const rows = [];
    for (let t = day; t < day.plus({ days: 1 }) && t.toMillis() < ctx.nowMs; t = t.plus({ minutes: stepMin })) {
      const stop = Math.min(t.plus({ minutes: stepMin }).toMillis(), Math.floor(ctx.nowMs / 60_000) * 60_000);
      const minutes = Math.round((stop - t.toMillis()) / 60_000);
      if (minutes <= 0) break;
      const truth = sim.intervalTruth(s.site, stop, minutes);
      const stamp = { timestamp: t.toISO({ suppressMilliseconds: true }) };
      rows.push(kind === "power" ? { ...stamp, ...powerRow(s, truth.avgW) } : energyRow(stamp, truth.energyWh));
    }
    const offset = kind === "power" ? { time_zone_offset: day.offset } : {};
    return json(200, {
      response: { serial_number: s.energySiteId, period: q.get("period") ?? "day", ...offset, time_series: rows },
    });
  };

  const vehicles = (ctx: HandlerContext): EmulatorResponse => {
    const c = gate(ctx);
    if ("status" in c) return c;
    const list = has(c, "vehicle_device_data") ? user.vehicles.map((v) => vehicleListing(v, onlineState(v, ctx))) : [];
    return json(200, { response: list, count: list.length });
  };

  const vehicleData = (v: TeslaVehicle, ctx: HandlerContext): EmulatorResponse => {
    const c = gate(ctx);
    if ("status" in c) return c;
    if (!has(c, "vehicle_device_data")) return fleetError(403, "missing scope vehicle_device_data");
    count("vehicle_data");
    const online = onlineState(v, ctx);
    if (ctx.mode === "vehicle_unavailable" || online !== "online") {
      return fleetError(408, `vehicle unavailable: vehicle is ${online === "online" ? "offline" : online}`);
    }
    const home = homeOf(v).site;
    const truth = vehicleAt(v, home, ctx.nowMs);
    const location = has(c, "vehicle_location");
    return json(200, {
      response: {
        id: v.id,
        vin: v.vin,
        display_name: v.displayName,
        state: "online",
        charge_state: chargeState(truth, v, ctx.nowMs),
        drive_state: {
          timestamp: ctx.nowMs,
          shift_state: truth.driving ? "D" : null,
          speed: truth.driving ? 50 : null,
          power: truth.chargingState === "Charging" ? -Math.round(truth.chargerPowerW / 1000) : truth.driving ? 12 : 0,
          ...(location
            ? {
                latitude: truth.atHome ? home.lat : home.lat + 0.05,
                longitude: truth.atHome ? home.lng : home.lng + 0.05,
              }
            : {}),
        },
        vehicle_state: { timestamp: ctx.nowMs, odometer: truth.odometerMiles },
      },
    });
  };

  const wakeUp = (v: TeslaVehicle, ctx: HandlerContext): EmulatorResponse => {
    const c = gate(ctx);
    if ("status" in c) return c;
    count("wake_up");
    wokenUntil.set(v.id, ctx.nowMs + 10 * 60_000);
    return json(200, { response: vehicleListing(v, "online") });
  };

  return {
    vendor: "tesla",
    prefix: "/tesla",
    route(req): RouteMatch | null {
      const p = req.path.replace(/\/+$/, "") || "/";
      if (p === "/oauth2/v3/authorize" && req.method === "GET") return { kind: "page", handle: authorize };
      if (p === "/oauth2/v3/token" && req.method === "POST") return { kind: "login", handle: token };
      const wake = /^\/api\/1\/vehicles\/([^/]+)\/wake_up$/.exec(p);
      if (wake && req.method === "POST") return vehicleRoute(wake[1], wakeUp);
      if (req.method !== "GET") return null;
      if (p === "/api/1/products") return { kind: "data", handle: products };
      if (p === "/api/1/vehicles") return { kind: "data", handle: vehicles };
      const data = /^\/api\/1\/vehicles\/([^/]+)\/vehicle_data$/.exec(p);
      if (data) return vehicleRoute(data[1], vehicleData);
      const m = /^\/api\/1\/energy_sites\/(\d+)\/(site_info|live_status|calendar_history)$/.exec(p);
      if (m) {
        const handler = { site_info: siteInfo, live_status: liveStatus, calendar_history: calendarHistory }[m[2]]!;
        return {
          kind: "data",
          siteId: m[1],
          handle: (ctx) => {
            const s = siteOf(m[1]);
            if (!s) {
              const c = gate(ctx);
              return "status" in c ? c : fleetError(404, "not_found");
            }
            return handler(s, ctx);
          },
        };
      }
      return null;
    },
    truth: (id, timeMs) => {
      const s = siteOf(id);
      if (s) return { site: sim.intervalTruth(s.site, timeMs, 5), state: sim.stateAt(s.site, timeMs) };
      const v = vehicleOf(id);
      return v ? vehicleAt(v, homeOf(v).site, timeMs) : undefined;
    },
    reset: () => {
      user = initialUser();
      deny = false;
      used.clear();
      counters.clear();
      wokenUntil.clear();
    },
    describe: () => [
      `OAuth client ${TESLA_DEMO_APP.clientId} / ${TESLA_DEMO_APP.clientSecret}; authorize auto-approves ${user.email}`,
      `energy sites: ${user.sites.map((s) => `${s.energySiteId} (${s.siteName})`).join(", ")}`,
      `vehicles: ${user.vehicles.map((v) => `${v.id} (${v.displayName}, home ${v.homeSiteId})`).join(", ")}`,
      `demo refresh token (always valid): ${TESLA_DEMO_REFRESH_TOKEN}; modes asleep / vehicle_unavailable act on cars`,
    ],
    setDeny: (d) => {
      deny = d;
    },
    counts: () => Object.fromEntries(counters),
    setWallConnectors: (siteId, dins) => {
      const s = siteOf(siteId);
      if (s) s.wallConnectorDins = [...dins];
    },
  };

  function vehicleRoute(id: string, handler: (v: TeslaVehicle, ctx: HandlerContext) => EmulatorResponse): RouteMatch {
    return {
      kind: "data",
      siteId: id,
      handle: (ctx) => {
        const v = vehicleOf(id);
        if (!v) {
          const c = gate(ctx);
          return "status" in c ? c : fleetError(404, "not_found");
        }
        return handler(v, ctx);
      },
    };
  }
}

function vehicleListing(v: TeslaVehicle, state: string) {
  return {
    id: v.id,
    vehicle_id: Number(v.id.slice(-6)),
    vin: v.vin,
    display_name: v.displayName,
    state,
    in_service: false,
    api_version: 71,
  };
}

function malformed(text: string): EmulatorResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body: text };
}

function header(req: EmulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
