import { DEMO_SITES, Simulator, simulator as sharedSimulator, type SiteConfig } from "../sim";
import type { EmulatorResponse, HandlerContext, RouteMatch, VendorEmulator } from "../types";
import { nemDayStart, PRICE_INTERVAL_MS } from "./pricing";
import { CHANNELS, priceRecords, usageRecords, usageTruthWh } from "./records";

/** An Amber API key and the sites (backed by simulator sites) it can read. */
export interface AmberAccount {
  apiKey: string;
  sites: Array<{ id: string; nmi: string; network: string; simSite: string }>;
}

/** Amber site ids are ULIDs; the demo ones end in the simulator site they follow. */
export const AMBER_DEMO_SITES = { "1001": "01JAMBERDEMOSITE0000001001", "1002": "01JAMBERDEMOSITE0000001002" };

/** The demo keys: one account with two sites, another with one. */
export function defaultAmberAccounts(): AmberAccount[] {
  return [
    {
      apiKey: "psk_demo_amber_0123456789abcdef",
      sites: [
        { id: AMBER_DEMO_SITES["1001"], nmi: "6305000001", network: "Jemena", simSite: "1001" },
        { id: AMBER_DEMO_SITES["1002"], nmi: "2002000002", network: "SA Power Networks", simSite: "1002" },
      ],
    },
    {
      apiKey: "psk_other_amber_fedcba9876543210",
      sites: [{ id: "01JAMBERDEMOSITE0000001003", nmi: "4103000003", network: "Ausgrid", simSite: "1003" }],
    },
  ];
}

/** Most intervals one /prices/current or /usage call returns (Amber caps next/previous and date ranges too). */
const MAX_INTERVALS = 2048;
const MAX_RANGE_DAYS = 7;

const json = (status: number, body: object): EmulatorResponse => ({ status, body });
const message = (status: number, text: string) => json(status, { message: text });

/** The Amber emulator plus a truth helper for the half-hour usage of a site. */
export interface AmberEmulator extends VendorEmulator {
  /** True Wh per channel (E1/B1/CL1) of the half-hour ending at endMs. */
  usageTruth(siteId: string, endMs: number): Record<"E1" | "B1" | "CL1", number>;
  addAccount(account: AmberAccount): void;
}

/** Creates the Amber API emulator at /amber/v1 (Bearer psk_… keys; prices and usage from the simulator). */
export function createAmberEmulator(opts: { simulator?: Simulator } = {}): AmberEmulator {
  const sim = opts.simulator ?? sharedSimulator;
  let accounts = defaultAmberAccounts();

  const accountOf = (ctx: HandlerContext) => {
    const auth = String(ctx.req.headers.authorization ?? "");
    const key = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    return key ? accounts.find((a) => a.apiKey === key) : undefined;
  };
  const simSite = (id: string): SiteConfig | undefined => {
    const s = accounts.flatMap((a) => a.sites).find((x) => x.id === id);
    return s ? DEMO_SITES[s.simSite] : undefined;
  };

  /** Common checks of every call: key, mode, site ownership; returns the site or a response. */
  const guard = (ctx: HandlerContext, siteId?: string): EmulatorResponse | { site?: SiteConfig } => {
    const account = accountOf(ctx);
    if (!account || ctx.mode === "expired_session") return message(401, "Unauthorized");
    if (ctx.mode === "malformed_json") {
      return { status: 200, headers: { "content-type": "application/json" }, body: '[{"type":"Actual' };
    }
    if (siteId === undefined) return {};
    const site = account.sites.some((s) => s.id === siteId) ? simSite(siteId) : undefined;
    if (!site) return message(404, "Site not found");
    return { site };
  };

  const sites = (ctx: HandlerContext): EmulatorResponse => {
    const g = guard(ctx);
    if ("status" in g) return g;
    if (ctx.mode === "empty_data") return json(200, []);
    const account = accountOf(ctx)!;
    return json(
      200,
      account.sites.map((s) => ({
        id: s.id,
        nmi: s.nmi,
        channels: CHANNELS.map((c) => ({ identifier: c.identifier, type: c.type, tariff: c.tariff })),
        network: s.network,
        status: "active",
        activeFrom: "2024-07-01",
        intervalLength: 30,
      })),
    );
  };

  const currentPrices = (siteId: string, ctx: HandlerContext): EmulatorResponse => {
    const g = guard(ctx, siteId);
    if ("status" in g) return g;
    if (ctx.mode === "empty_data") return json(200, []);
    const count = (name: string) => Math.min(MAX_INTERVALS, Math.max(0, Number(ctx.req.query.get(name) ?? 0) | 0));
    const current = Math.floor(ctx.nowMs / PRICE_INTERVAL_MS) * PRICE_INTERVAL_MS;
    const out: Array<Record<string, unknown>> = [];
    for (let i = -count("previous"); i <= count("next"); i++) {
      out.push(...priceRecords(g.site!.seed, current + i * PRICE_INTERVAL_MS, ctx.nowMs));
    }
    return json(200, out);
  };

  /** Half-hours of the NEM days startDate..endDate, or an error response for bad dates. */
  const dayRange = (ctx: HandlerContext): EmulatorResponse | { from: number; to: number } => {
    const from = nemDayStart(ctx.req.query.get("startDate") ?? "");
    const endDay = nemDayStart(ctx.req.query.get("endDate") ?? ctx.req.query.get("startDate") ?? "");
    if (from === null || endDay === null || endDay < from) {
      return message(400, "startDate and endDate must be dates (YYYY-MM-DD), startDate first");
    }
    if (endDay - from >= MAX_RANGE_DAYS * 86_400_000) return message(400, `At most ${MAX_RANGE_DAYS} days per request`);
    return { from, to: endDay + 86_400_000 };
  };

  const usage = (siteId: string, ctx: HandlerContext): EmulatorResponse => {
    const g = guard(ctx, siteId);
    if ("status" in g) return g;
    const range = dayRange(ctx);
    if ("status" in range) return range;
    if (ctx.mode === "empty_data") return json(200, []);
    const out: Array<Record<string, unknown>> = [];
    for (let t = range.from; t + PRICE_INTERVAL_MS <= Math.min(range.to, ctx.nowMs); t += PRICE_INTERVAL_MS) {
      out.push(...usageRecords(sim, g.site!, t, ctx.nowMs));
    }
    return json(200, out);
  };

  const prices = (siteId: string, ctx: HandlerContext): EmulatorResponse => {
    const g = guard(ctx, siteId);
    if ("status" in g) return g;
    const range = dayRange(ctx);
    if ("status" in range) return range;
    if (ctx.mode === "empty_data") return json(200, []);
    const out: Array<Record<string, unknown>> = [];
    for (let t = range.from; t < range.to; t += PRICE_INTERVAL_MS)
      out.push(...priceRecords(g.site!.seed, t, ctx.nowMs));
    return json(200, out);
  };

  return {
    vendor: "amber",
    prefix: "/amber/v1",
    route(req): RouteMatch | null {
      if (req.method !== "GET") return null;
      const p = req.path.replace(/\/+$/, "") || "/";
      if (p === "/sites") return { kind: "data", handle: sites };
      const m = /^\/sites\/([A-Za-z0-9]+)\/(usage|prices|prices\/current)$/.exec(p);
      if (!m) return null;
      const [, id, what] = m;
      const handler = what === "usage" ? usage : what === "prices" ? prices : currentPrices;
      return { kind: "data", siteId: id, handle: (ctx) => handler(id, ctx) };
    },
    truth: (siteId, timeMs) => {
      const site = simSite(siteId);
      return site ? sim.stateAt(site, timeMs) : undefined;
    },
    usageTruth: (siteId, endMs) => {
      const site = simSite(siteId);
      if (!site) throw new Error(`unknown Amber site ${siteId}`);
      return usageTruthWh(sim, site, endMs);
    },
    reset: () => {
      accounts = defaultAmberAccounts();
    },
    describe: () =>
      accounts.map((a) => `${a.apiKey}: ${a.sites.map((s) => `${s.id} (NMI ${s.nmi}, ${s.network})`).join(", ")}`),
    addAccount: (a) => {
      accounts = [...accounts.filter((x) => x.apiKey !== a.apiKey), a];
    },
  };
}
