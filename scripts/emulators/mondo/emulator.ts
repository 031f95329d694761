import { DateTime } from "luxon";
import { DEMO_SITES, Simulator, simulator as sharedSimulator, type SimState, type SiteConfig } from "../sim";
import type { EmulatorResponse, HandlerContext, RouteMatch, VendorEmulator } from "../types";
import { defaultMondoAccounts, type MondoAccount, type MondoGroup } from "./accounts";
import { createMondoIdentityEmulator } from "./identity";
import { MondoStore } from "./store";

const r1 = (v: number) => Math.round(v * 10) / 10;
const unauthorized = (): EmulatorResponse => ({ status: 401, headers: { "www-authenticate": "Bearer" }, body: "" });

/** The Mondo API emulator plus access to the shared store (PKCE log, tokens) for tests. */
export interface MondoApiEmulator extends VendorEmulator {
  store: MondoStore;
  /** The group (and the simulator state behind it) of a group id, for accuracy tests. */
  group(groupId: string): MondoGroup | undefined;
  /** Makes every issued access token expire now (as if an hour had passed). */
  expireTokens(): void;
}

/**
 * Creates the two Mondo emulators: the identity host at /mondo-identity (vendor key `mondo-identity`: login modes
 * such as bad_credentials go there) and the platform API at /mondo-api (vendor key `mondo`: data modes).
 */
export function createMondoEmulators(opts: { simulator?: Simulator } = {}): [VendorEmulator, MondoApiEmulator] {
  const sim = opts.simulator ?? sharedSimulator;
  const store = new MondoStore();
  let accounts = defaultMondoAccounts();
  const identity = createMondoIdentityEmulator(store, () => accounts);

  const accountOf = (ctx: HandlerContext): MondoAccount | undefined => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(ctx.req.headers.authorization ?? ""))?.[1] ?? "";
    const t = store.accessTokens.get(bearer);
    if (!t || t.expiresMs <= ctx.nowMs) return undefined;
    if (ctx.mode === "expired_session") {
      store.accessTokens.delete(bearer);
      return undefined;
    }
    return accounts.find((a) => a.email === t.email);
  };
  const findGroup = (id: string) =>
    accounts.flatMap((a) => a.organizations.flatMap((o) => o.groups)).find((g) => g.id === id);

  /** Auth, then malformed/empty modes, then the handler's body. */
  const data = (ctx: HandlerContext, body: (a: MondoAccount) => EmulatorResponse, empty: object): EmulatorResponse => {
    const a = accountOf(ctx);
    if (!a) return unauthorized();
    if (ctx.mode === "malformed_json")
      return { status: 200, headers: { "content-type": "application/json" }, body: '{"rows":[{' };
    if (ctx.mode === "empty_data") return { status: 200, body: empty };
    return body(a);
  };

  /** Simulator states at local midnights, cached: every poll of a day needs today's and yesterday's. */
  const midnights = new Map<string, SimState>();
  const stateAtMidnight = (site: SiteConfig, ms: number): SimState => {
    const key = `${site.id}:${ms}`;
    let s = midnights.get(key);
    if (!s) {
      if (midnights.size > 1000) midnights.clear();
      s = sim.stateAt(site, ms);
      midnights.set(key, s);
    }
    return s;
  };

  /**
   * The rows of a group: power now, lifetime counter, the energy since local midnight and of the whole of
   * yesterday (the counter's differences, as Mondo's app shows them), and the battery's state of charge.
   */
  const rows = (g: MondoGroup, nowMs: number) => {
    const site = g.site ?? DEMO_SITES[g.simSite];
    const s: SimState = sim.stateAt(site, nowMs);
    const midnight = DateTime.fromMillis(nowMs, { zone: site.timezone }).startOf("day");
    const m0 = stateAtMidnight(site, midnight.toMillis());
    const m1 = stateAtMidnight(site, midnight.minus({ days: 1 }).toMillis());
    return g.circuits.map((c) => {
      const v = c.read(s);
      const at0 = c.read(m0).wh;
      return {
        monitoringPointId: c.id,
        monitoringPointName: c.name,
        loadType: c.loadType,
        energyNowW: r1(v.w),
        totalEnergyWh: r1(v.wh),
        energyTodayWh: r1(v.wh - at0),
        energyYesterdayWh: r1(at0 - c.read(m1).wh),
        ...(c.loadType === "HybridBattery" ? { stateOfCharge: r1(s.socPct) } : {}),
      };
    });
  };

  const api: MondoApiEmulator = {
    vendor: "mondo",
    prefix: "/mondo-api",
    route(req): RouteMatch | null {
      if (req.method !== "GET") return null;
      const p = req.path.replace(/\/+$/, "") || "/";
      if (p === "/monitoring/organizations") {
        const list = (a: MondoAccount) => ({
          status: 200,
          body: a.organizations.map(({ id, name }) => ({ id, name })),
        });
        return { kind: "data", handle: (ctx) => data(ctx, list, []) };
      }
      let m = /^\/monitoring\/organizations\/([\w-]+)\/monitoringpointgroups$/.exec(p);
      if (m) {
        const org = m[1];
        const groups = (a: MondoAccount): EmulatorResponse => {
          const o = a.organizations.find((x) => x.id === org);
          if (!o) return { status: 403, body: { message: "Forbidden" } };
          return { status: 200, body: o.groups.map(({ id, name }) => ({ id, name, organizationId: org })) };
        };
        return { kind: "data", handle: (ctx) => data(ctx, groups, []) };
      }
      m = /^\/subcircuit\/([\w-]+)$/.exec(p);
      if (m) {
        const groupId = m[1];
        const sub = (a: MondoAccount, ctx: HandlerContext): EmulatorResponse => {
          const g = a.organizations.flatMap((o) => o.groups).find((x) => x.id === groupId);
          if (!g) return { status: 403, body: { message: "Forbidden" } };
          return { status: 200, body: { rows: rows(g, ctx.nowMs) } };
        };
        return { kind: "data", siteId: groupId, handle: (ctx) => data(ctx, (a) => sub(a, ctx), { rows: [] }) };
      }
      return null;
    },
    truth: (groupId, timeMs) => {
      const g = findGroup(groupId);
      return g ? sim.stateAt(g.site ?? DEMO_SITES[g.simSite], timeMs) : undefined;
    },
    reset: () => {
      store.clear();
      accounts = defaultMondoAccounts();
    },
    describe: () => accounts.map((a) => `${a.email} / ${a.password} (identity host: /mondo-identity)`),
    store,
    group: findGroup,
    expireTokens: () => {
      for (const t of store.accessTokens.values()) t.expiresMs = 0;
    },
  };
  return [identity, api];
}
