import { randomBytes } from "node:crypto";
import { DateTime } from "luxon";
import { Simulator, simulator as sharedSimulator, type SiteConfig, type SimState } from "../sim";
import type { EmulatorResponse, HandlerContext, RouteMatch, VendorEmulator } from "../types";
import { builtInSite, defaultAccounts, nameplate, SYSTEM_QUIRKS, type HfQuirks, type SelectAccount } from "./accounts";
import { dashboardPage, loginPage, systemPage } from "./pages";

/** Sessions expire after 30 idle minutes of the (virtual) clock, like the real portal's. */
export const SESSION_IDLE_MS = 30 * 60_000;
const COOKIE = "session";
const html = (status: number, body: string, headers: Record<string, string> = {}): EmulatorResponse => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body,
});
const unauthorized = (): EmulatorResponse => ({ status: 401, headers: { "content-type": "text/plain" }, body: "" });

/** The select.live emulator plus its vendor-specific controls (extra accounts and systems, fault injection). */
export interface SelectLiveEmulator extends VendorEmulator {
  /** Adds an account (its listed systems must be known sites or be added with addSystem). */
  addAccount(account: SelectAccount): void;
  /** Adds (or replaces) a system backed by a site config and lists it under an account. */
  addSystem(email: string, systemNumber: string, site: SiteConfig, name?: string): void;
  /** Makes a system report a fault code (0/null clears it). */
  setFault(systemNumber: string, fault: { code: number; timeMs: number } | null): void;
}

/** Creates a select.live emulator mounted at /select-live (data from the shared physics simulator by default). */
export function createSelectLiveEmulator(opts: { simulator?: Simulator } = {}): SelectLiveEmulator {
  const sim = opts.simulator ?? sharedSimulator;
  let accounts = defaultAccounts();
  const extraSites = new Map<string, SiteConfig>();
  const faults = new Map<string, { code: number; timeMs: number }>();
  const sessions = new Map<string, { email: string; lastUsedMs: number }>();

  const account = (email: string) => accounts.find((a) => a.email.toLowerCase() === email.trim().toLowerCase());
  const siteOf = (n: string) => extraSites.get(n) ?? builtInSite(n);
  const owns = (a: SelectAccount, n: string) => a.systems.some((s) => s.number === n) || Boolean(a.owns?.(n));
  const nameOf = (a: SelectAccount, n: string) => a.systems.find((s) => s.number === n)?.name ?? `System ${n}`;

  /** The account of a request's session cookie, refreshing its idle timer; undefined when missing or expired. */
  const sessionAccount = (ctx: HandlerContext): { token: string; account: SelectAccount } | undefined => {
    const token = cookieValue(ctx.req.headers.cookie, COOKIE);
    const s = token ? sessions.get(token) : undefined;
    if (!token || !s) return undefined;
    if (ctx.nowMs - s.lastUsedMs > SESSION_IDLE_MS) {
      sessions.delete(token);
      return undefined;
    }
    s.lastUsedMs = Math.max(s.lastUsedMs, ctx.nowMs);
    const a = account(s.email);
    return a ? { token, account: a } : undefined;
  };

  const login = (ctx: HandlerContext): EmulatorResponse => {
    const form = new URLSearchParams(ctx.req.body);
    const a = account(form.get("email") ?? "");
    const ok = ctx.mode !== "bad_credentials" && a !== undefined && a.password === form.get("pwd");
    ctx.recordLogin(a?.email ?? "(unknown)", ok);
    if (!ok) return html(200, loginPage(true));
    const token = randomBytes(24).toString("hex");
    if (sessions.size > 50_000) pruneSessions(sessions, ctx.nowMs);
    sessions.set(token, { email: a.email, lastUsedMs: ctx.nowMs });
    return {
      status: 302,
      headers: { location: "/select-live/dashboard", "set-cookie": `${COOKIE}=${token}; Path=/; HttpOnly` },
      body: "",
    };
  };

  const hfdata = (n: string, ctx: HandlerContext): EmulatorResponse => {
    const s = sessionAccount(ctx);
    if (!s) return unauthorized();
    if (ctx.mode === "expired_session") {
      sessions.delete(s.token);
      return unauthorized();
    }
    const site = siteOf(n);
    if (!site || !owns(s.account, n)) return { status: 404, headers: { "content-type": "text/plain" }, body: "" };
    if (!String(ctx.req.headers.accept ?? "").includes("json")) return html(200, systemPage(n, nameplate(site)));
    if (ctx.mode === "empty_data") return { status: 200, body: { items: {} } };
    if (ctx.mode === "malformed_json") {
      return { status: 200, headers: { "content-type": "application/json" }, body: '{"items": {"timestamp": 17' };
    }
    return { status: 200, body: { items: withQuirks(hfItems(sim, site, ctx.nowMs, faults.get(n)), SYSTEM_QUIRKS[n]) } };
  };

  const page = (ctx: HandlerContext, render: (a: SelectAccount) => EmulatorResponse): EmulatorResponse => {
    const s = sessionAccount(ctx);
    if (!s || ctx.mode === "expired_session") {
      if (s) sessions.delete(s.token);
      return { status: 302, headers: { location: "/select-live/login" }, body: "" };
    }
    return render(s.account);
  };

  return {
    vendor: "selectronic",
    prefix: "/select-live",
    route(req): RouteMatch | null {
      const p = req.path.replace(/\/+$/, "") || "/";
      if (p === "/login" && req.method === "POST") return { kind: "login", handle: login };
      if (p === "/login" && req.method === "GET") return { kind: "page", handle: () => html(200, loginPage(false)) };
      if (req.method !== "GET") return null;
      let m = /^\/dashboard\/hfdata\/(\d+)$/.exec(p);
      if (m) {
        const n = m[1];
        return { kind: "data", siteId: n, handle: (ctx) => hfdata(n, ctx) };
      }
      if (p === "/dashboard") {
        return { kind: "page", handle: (ctx) => page(ctx, (a) => html(200, dashboardPage(a.systems))) };
      }
      m = /^\/dashboard\/(\d+)$/.exec(p);
      if (m) {
        const n = m[1];
        const render = (a: SelectAccount) => {
          const site = siteOf(n);
          return site && owns(a, n) ? html(200, systemPage(nameOf(a, n), nameplate(site))) : html(404, "Not found");
        };
        return { kind: "page", siteId: n, handle: (ctx) => page(ctx, render) };
      }
      return null;
    },
    truth: (n, timeMs) => {
      const site = siteOf(n);
      return site ? sim.stateAt(site, timeMs) : undefined;
    },
    reset: () => {
      sessions.clear();
      faults.clear();
      extraSites.clear();
      accounts = defaultAccounts();
    },
    describe: () =>
      accounts.map(
        (a) =>
          `${a.email} / ${a.password}: ${a.systems.map((s) => `${s.number} (${s.name})`).join(", ")}` +
          (a.owns ? " and every 9xxxxx" : ""),
      ),
    addAccount: (a) => {
      accounts = [...accounts.filter((x) => x.email.toLowerCase() !== a.email.toLowerCase()), a];
    },
    addSystem: (email, n, site, name) => {
      const a = account(email);
      if (!a) throw new Error(`no account ${email}`);
      extraSites.set(n, site);
      if (!a.systems.some((s) => s.number === n)) a.systems.push({ number: n, name: name ?? `System ${n}` });
    },
    setFault: (n, fault) => {
      if (fault && fault.code !== 0) faults.set(n, fault);
      else faults.delete(n);
    },
  };
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const kwh = (wh: number) => Math.round(wh) / 1000;

/** The hfdata `items` of a site at a time. The `*_wh_*` fields are kWh, as on the real portal. */
export function hfItems(
  sim: Simulator,
  site: SiteConfig,
  nowMs: number,
  fault?: { code: number; timeMs: number },
): Record<string, number> {
  const midnight = DateTime.fromMillis(nowMs, { zone: site.timezone }).startOf("day").toMillis();
  const d = countersAtMidnight(sim, site, midnight);
  const s: SimState = sim.stateAt(site, nowMs);
  const c = s.counters;
  return {
    timestamp: Math.floor(s.timeMs / 1000),
    solarinverter_w: r1(s.solarRemoteW),
    shunt_w: r1(s.solarLocalW),
    load_w: r1(s.loadW),
    battery_w: r1(s.batteryW), // + discharging, − charging: the portal's sign is ours
    grid_w: r1(s.gridW),
    battery_soc: r1(s.socPct),
    fault_code: fault?.code ?? 0,
    fault_ts: fault ? Math.floor(fault.timeMs / 1000) : 0,
    gen_status: 0,
    solar_wh_today: kwh(c.solarWh - d.solarWh),
    load_wh_today: kwh(c.loadWh - d.loadWh),
    battery_in_wh_today: kwh(c.batteryInWh - d.batteryInWh),
    battery_out_wh_today: kwh(c.batteryOutWh - d.batteryOutWh),
    grid_in_wh_today: kwh(c.gridInWh - d.gridInWh),
    grid_out_wh_today: kwh(c.gridOutWh - d.gridOutWh),
    solar_wh_total: kwh(c.solarWh),
    load_wh_total: kwh(c.loadWh),
    battery_in_wh_total: kwh(c.batteryInWh),
    battery_out_wh_total: kwh(c.batteryOutWh),
    grid_in_wh_total: kwh(c.gridInWh),
    grid_out_wh_total: kwh(c.gridOutWh),
  };
}

/** hfdata items as a system with real-world quirks writes them (numeric strings, a timestamp in ms). */
export function withQuirks(items: Record<string, number>, q: HfQuirks | undefined): Record<string, number | string> {
  if (!q) return items;
  const out: Record<string, number | string> = { ...items };
  if (q.msTimestamp) {
    out.timestamp = items.timestamp * 1000;
    if (items.fault_ts) out.fault_ts = items.fault_ts * 1000;
  }
  if (q.strings) for (const [k, v] of Object.entries(out)) out[k] = String(v);
  return out;
}

const midnightCaches = new WeakMap<Simulator, Map<string, SimState["counters"]>>();

/** Counters at a local midnight, cached: every poll of the day needs them for the `*_today` fields. */
function countersAtMidnight(sim: Simulator, site: SiteConfig, midnightMs: number): SimState["counters"] {
  let cache = midnightCaches.get(sim);
  if (!cache) midnightCaches.set(sim, (cache = new Map()));
  const key = `${JSON.stringify(site)}|${midnightMs}`;
  let c = cache.get(key);
  if (!c) {
    if (cache.size > 20_000) cache.clear();
    // Asked before "now", so a new site is anchored once rather than re-anchored.
    c = sim.stateAt(site, midnightMs).counters;
    cache.set(key, c);
  }
  return c;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

function pruneSessions(sessions: Map<string, { lastUsedMs: number }>, nowMs: number): void {
  for (const [k, s] of sessions) if (Math.abs(nowMs - s.lastUsedMs) > SESSION_IDLE_MS) sessions.delete(k);
}
