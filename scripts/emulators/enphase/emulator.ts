import { Simulator, simulator as sharedSimulator } from "../sim";
import type { EmulatorRequest, EmulatorResponse, HandlerContext, RouteMatch, VendorEmulator } from "../types";
import {
  defaultEnphaseUser,
  deviceCount,
  ENPHASE_DEMO_APP,
  ENPHASE_DEMO_REFRESH_TOKEN,
  type EnphaseSystem,
  type EnphaseUser,
} from "./accounts";
import { issueToken, readToken, type TokenClaims } from "./tokens";
import { microIntervals, telemetryWindow } from "./telemetry";

export const ACCESS_TTL_S = 86_400;
export const REFRESH_TTL_MS = 7 * 86_400_000;
const CODE_TTL_MS = 10 * 60_000;

/** Enphase's free-plan quota per API key; pass `quota: null` to switch it off. */
export interface EnphaseQuota {
  perMinute: number;
  perMonth: number;
}

/** The Enphase emulator plus its vendor-specific controls. */
export interface EnphaseEmulator extends VendorEmulator {
  /** Makes the next authorizations (all while `deny` is true) answer error=access_denied. */
  setDeny(deny: boolean): void;
  /** API calls counted against an API key's quota in the minute and month of nowMs (emulator clock). */
  usage(nowMs: number, apiKey?: string): { minute: number; month: number };
}

const json = (status: number, body: object, headers: Record<string, string> = {}): EmulatorResponse => ({
  status,
  headers,
  body,
});
const apiError = (status: number, message: string, details: string) => json(status, { message, details, code: status });

/** Creates the Enlighten v4 emulator mounted at /enphase (OAuth, systems list, production_micro telemetry). */
export function createEnphaseEmulator(
  opts: { simulator?: Simulator; quota?: EnphaseQuota | null } = {},
): EnphaseEmulator {
  const sim = opts.simulator ?? sharedSimulator;
  const quota = opts.quota === undefined ? { perMinute: 10, perMonth: 1000 } : opts.quota;
  let user: EnphaseUser = defaultEnphaseUser();
  let deny = false;
  const used = new Set<string>(); // one-time codes and rotated refresh tokens
  const counts = new Map<string, number>();

  const systemOf = (id: string) => user.systems.find((s) => String(s.systemId) === id);
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1).get(key)!;
  const periods = (nowMs: number) => {
    const d = new Date(nowMs);
    return { minute: Math.floor(nowMs / 60_000), month: `${d.getUTCFullYear()}-${d.getUTCMonth()}` };
  };

  const authorize = (ctx: HandlerContext): EmulatorResponse => {
    const q = ctx.req.query;
    const redirect = q.get("redirect_uri");
    if (q.get("client_id") !== ENPHASE_DEMO_APP.clientId || !redirect || q.get("response_type") !== "code") {
      return { status: 400, headers: { "content-type": "text/html" }, body: "<h1>Invalid client or request</h1>" };
    }
    const target = new URL(redirect);
    const state = q.get("state");
    if (deny || q.get("deny") === "1" || q.get("deny") === "true") {
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_description", "The user denied the request");
    } else {
      const code = issueToken({
        kind: "code",
        uid: user.enlUid,
        exp: ctx.nowMs + CODE_TTL_MS,
        clientId: ENPHASE_DEMO_APP.clientId,
        redirectUri: redirect,
      });
      target.searchParams.set("code", code);
    }
    if (state !== null) target.searchParams.set("state", state);
    return { status: 302, headers: { location: target.toString() }, body: "" };
  };

  const tokenPair = (uid: number, nowMs: number) => ({
    access_token: issueToken({ kind: "access", uid, exp: nowMs + ACCESS_TTL_S * 1000 }),
    refresh_token: issueToken({ kind: "refresh", uid, exp: nowMs + REFRESH_TTL_MS }),
    token_type: "bearer",
    expires_in: ACCESS_TTL_S,
    scope: "read",
    enl_uid: String(uid),
    enl_cid: "1",
    enl_password_last_changed: "1700000000",
    is_internal_app: false,
    app_type: "partner",
    jti: "emulated",
  });

  const token = (ctx: HandlerContext): EmulatorResponse => {
    const [id, secret] = basicAuth(ctx.req.headers.authorization);
    const clientOk = id === ENPHASE_DEMO_APP.clientId && secret === ENPHASE_DEMO_APP.clientSecret;
    if (!clientOk) {
      ctx.recordLogin(id ?? "(none)", false);
      return json(401, { error: "invalid_client", error_description: "Bad client credentials" });
    }
    const form = new URLSearchParams(ctx.req.body);
    const grant = form.get("grant_type");
    const invalidGrant = (why: string) => {
      ctx.recordLogin(id!, false);
      return json(400, { error: "invalid_grant", error_description: why });
    };
    // bad_credentials: the user's grant was revoked (they removed the app in Enlighten).
    if (ctx.mode === "bad_credentials") return invalidGrant("Authorization revoked by the user");
    let claims: TokenClaims | null;
    if (grant === "authorization_code") {
      claims = readToken(form.get("code"), "code");
      if (!claims || claims.exp < ctx.nowMs || used.has(claims.jti)) return invalidGrant("Invalid authorization code");
      if (claims.redirectUri !== form.get("redirect_uri")) return invalidGrant("Redirect URI mismatch");
      used.add(claims.jti);
    } else if (grant === "refresh_token") {
      const rt = form.get("refresh_token");
      claims =
        rt === ENPHASE_DEMO_REFRESH_TOKEN
          ? { kind: "refresh", uid: user.enlUid, exp: Infinity, jti: "demo" }
          : readToken(rt, "refresh");
      if (!claims || claims.exp < ctx.nowMs) return invalidGrant("Invalid refresh token");
      if (used.has(claims.jti)) return invalidGrant("Refresh token already used (rotated)");
      if (claims.jti !== "demo") used.add(claims.jti);
    } else {
      return json(400, { error: "unsupported_grant_type", error_description: `grant_type ${grant}` });
    }
    ctx.recordLogin(String(claims.uid), true);
    return json(200, tokenPair(claims.uid, ctx.nowMs));
  };

  /** API key, bearer token, and quota checks shared by every /api/v4 call; null when the call may proceed. */
  const gate = (ctx: HandlerContext): EmulatorResponse | null => {
    const key = header(ctx.req, "key");
    if (key !== ENPHASE_DEMO_APP.apiKey) return apiError(401, "Not Authorized", "Invalid API key or application");
    if (quota) {
      const p = periods(ctx.nowMs);
      const minute = bump(`${key}|m|${p.minute}`);
      const month = bump(`${key}|M|${p.month}`);
      if (minute > quota.perMinute || month > quota.perMonth) {
        const perMinute = minute > quota.perMinute;
        const d = new Date(ctx.nowMs);
        const resetMs = perMinute ? (p.minute + 1) * 60_000 : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        return json(
          429,
          {
            message: "Too Many Requests",
            details: `Usage limit exceeded for plan Watt (${perMinute ? `${quota.perMinute}/minute` : `${quota.perMonth}/month`})`,
            code: 429,
            period: perMinute ? "minute" : "month",
            limit: perMinute ? quota.perMinute : quota.perMonth,
          },
          { "retry-after": String(Math.max(1, Math.ceil((resetMs - ctx.nowMs) / 1000))) },
        );
      }
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(header(ctx.req, "authorization") ?? "")?.[1];
    const claims = readToken(bearer, "access");
    if (!claims || claims.uid !== user.enlUid) return apiError(401, "Not Authorized", "Invalid access token");
    if (claims.exp < ctx.nowMs || ctx.mode === "expired_session") {
      return apiError(401, "Not Authorized", "The access token has expired");
    }
    return null;
  };

  const systems = (ctx: HandlerContext): EmulatorResponse => {
    const refused = gate(ctx);
    if (refused) return refused;
    if (ctx.mode === "malformed_json") return malformed('{"total": 2, "systems": [{"system_id": 28');
    const list = ctx.mode === "empty_data" ? [] : user.systems.map(listing);
    return json(200, {
      total: list.length,
      current_page: 1,
      size: 10,
      count: list.length,
      items: "systems",
      systems: list,
    });
  };

  const telemetry = (sys: EnphaseSystem, ctx: HandlerContext): EmulatorResponse => {
    const refused = gate(ctx);
    if (refused) return refused;
    const w = telemetryWindow(sys, ctx.req.query, ctx.nowMs);
    if ("status" in w) return apiError(w.status, "Unprocessable Entity", w.details);
    if (ctx.mode === "malformed_json") return malformed('{"system_id": 2875301, "intervals": [{"end_at": 17');
    const intervals = ctx.mode === "empty_data" ? [] : microIntervals(sim, sys, w);
    return json(200, {
      system_id: sys.systemId,
      granularity: "day",
      total_devices: deviceCount(sys),
      start_at: w.startS,
      end_at: w.endS,
      items: "intervals",
      intervals,
    });
  };

  return {
    vendor: "enphase",
    prefix: "/enphase",
    route(req): RouteMatch | null {
      const p = req.path.replace(/\/+$/, "") || "/";
      if (p === "/oauth/authorize" && req.method === "GET") return { kind: "page", handle: authorize };
      if (p === "/oauth/token" && req.method === "POST") return { kind: "login", handle: token };
      if (req.method !== "GET") return null;
      if (p === "/api/v4/systems") return { kind: "data", handle: systems };
      const m = /^\/api\/v4\/systems\/(\d+)\/telemetry\/production_micro$/.exec(p);
      if (m) {
        const sys = systemOf(m[1]);
        return {
          kind: "data",
          siteId: m[1],
          handle: (ctx) => {
            if (!sys) return gate(ctx) ?? apiError(404, "Not Found", `System ${m[1]} not found`);
            return telemetry(sys, ctx);
          },
        };
      }
      return null;
    },
    truth: (id, timeMs) => {
      const sys = systemOf(id);
      return sys ? sim.intervalTruth(sys.site, timeMs, 5) : undefined;
    },
    reset: () => {
      user = defaultEnphaseUser();
      deny = false;
      used.clear();
      counts.clear();
    },
    describe: () => [
      `OAuth client ${ENPHASE_DEMO_APP.clientId} / ${ENPHASE_DEMO_APP.clientSecret}, API key ${ENPHASE_DEMO_APP.apiKey}`,
      `authorize auto-approves ${user.email} (enl_uid ${user.enlUid}); add ?deny=1 to refuse`,
      `systems: ${user.systems.map((s) => `${s.systemId} (${s.name})`).join(", ")}`,
      `demo refresh token (always valid): ${ENPHASE_DEMO_REFRESH_TOKEN}`,
    ],
    setDeny: (d) => {
      deny = d;
    },
    usage: (nowMs, apiKey = ENPHASE_DEMO_APP.apiKey) => {
      const p = periods(nowMs);
      return { minute: counts.get(`${apiKey}|m|${p.minute}`) ?? 0, month: counts.get(`${apiKey}|M|${p.month}`) ?? 0 };
    },
  };
}

/** A system as GET /api/v4/systems lists it (lat/lng inside address are an emulator extra). */
function listing(s: EnphaseSystem) {
  return {
    system_id: s.systemId,
    name: s.name,
    public_name: "Residential System",
    timezone: s.site.timezone,
    address: { ...s.address, lat: s.site.lat, lng: s.site.lng },
    connection_type: "wifi",
    status: s.status,
    system_size: s.site.pvPeakW,
    energy_lifetime: null,
    energy_today: null,
  };
}

function malformed(text: string): EmulatorResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body: text };
}

function header(req: EmulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function basicAuth(value: string | string[] | undefined): [string | undefined, string | undefined] {
  const raw = /^Basic\s+(.+)$/i.exec(Array.isArray(value) ? value[0] : (value ?? ""))?.[1];
  if (!raw) return [undefined, undefined];
  const decoded = Buffer.from(raw, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  return i < 0 ? [decoded, undefined] : [decoded.slice(0, i), decoded.slice(i + 1)];
}
