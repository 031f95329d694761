import "server-only";
import { getEnv } from "@/lib/env";
import { dueEvery } from "../define";
import { keepingState, VendorError, type AdapterContext, type DiscoveredSite, type PollAdapter } from "../types";
import { TeslaClient, type TeslaProduct } from "./client";
import { teslaHistory } from "./history";
import { hasWallConnector, liveStatusReadings } from "./mapper";
import { authorizeUrl, exchangeCode, type TeslaApp } from "./oauth";
import { dbSpendMeter, type SpendMeter } from "./spend";
import { dbTokenStore, type TeslaTokenStore } from "./token-store";
import { newestTokens, teslaTokensSchema, type TeslaTokens, type TeslaVehicleRef } from "./tokens";
import { pollVehicles, type FleetSchedule } from "./vehicles";

/** The energy site's live status is read every minute (energy site data is not priced). */
export const SITE_POLL_MS = 60_000;

export interface TeslaAdapterOptions {
  authUrl?: string;
  tokenUrl?: string;
  apiUrl?: string;
  clientId?: string;
  clientSecret?: string;
  timeoutMs?: number;
  /** Spend meter (default the database ledger; null = none, for emulator-only tests). */
  spend?: SpendMeter | null;
  tokenStore?: TeslaTokenStore;
}

/** Vendor state between polls: the newest token pair plus the vehicles' schedule. */
export type TeslaState = TeslaTokens & { vehicleSchedule?: FleetSchedule };
type Ctx = Omit<AdapterContext<TeslaTokens>, "system"> & { system?: AdapterContext<TeslaTokens>["system"] };

/** This deployment's Tesla application (options first, then TESLA_* read at call time) and what is missing. */
export function appConfig(opts: TeslaAdapterOptions): { app: TeslaApp; missing: string[] } {
  const env = getEnv();
  const app: TeslaApp = {
    authUrl: opts.authUrl ?? env.TESLA_AUTH_URL,
    tokenUrl: opts.tokenUrl ?? env.TESLA_TOKEN_URL,
    apiUrl: opts.apiUrl ?? env.TESLA_API_URL,
    clientId: opts.clientId ?? env.TESLA_CLIENT_ID ?? "",
    clientSecret: opts.clientSecret ?? env.TESLA_CLIENT_SECRET ?? "",
    timeoutMs: opts.timeoutMs,
  };
  const missing = Object.entries({ TESLA_CLIENT_ID: app.clientId, TESLA_CLIENT_SECRET: app.clientSecret })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  return { app, missing };
}

/** Builds the Tesla adapter; the registered one reads TESLA_* from the environment at call time. */
export function createTeslaAdapter(opts: TeslaAdapterOptions = {}): PollAdapter<TeslaTokens> {
  const store = opts.tokenStore ?? dbTokenStore;
  const spend = opts.spend === undefined ? dbSpendMeter : opts.spend;
  const client = (ctx: Ctx) => {
    const { app, missing } = appConfig(opts);
    if (missing.length)
      throw new VendorError("CONFIG", `Tesla is not configured on this server: set ${missing.join(", ")}`);
    const systemId = ctx.system?.id ?? 0;
    const tokens = newestTokens(ctx.credentials, ctx.state);
    if (!tokens)
      throw new VendorError("AUTH_FAILED", "No Tesla sign-in is stored for this system: connect Tesla again");
    return new TeslaClient({
      ...app,
      signal: ctx.signal,
      tokens,
      now: ctx.now,
      spend,
      onRefresh: (t) => store.save(systemId, t),
      recoverTokens: () => store.newest(systemId, tokens.grant),
    });
  };

  return {
    vendorType: "tesla",
    displayName: "Tesla",
    description:
      "Tesla Powerwall energy sites and the cars that charge at them (sign in with Tesla): live power every minute; " +
      "cars read every 2 minutes while charging, never woken.",
    mode: "poll",
    capabilities: {
      flows: ["solar", "load", "battery", "grid"],
      power: true,
      energy: "none",
      setup: "oauth",
      polling: true,
    },
    credentialFields: [],
    credentialsSchema: teslaTokensSchema,
    isDue: (_system, lastPollMs, now) => dueEvery(SITE_POLL_MS, lastPollMs, now),

    oauth: {
      missingConfig: () => appConfig(opts).missing,
      authorizeUrl: (redirectUri, state) => authorizeUrl(appConfig(opts).app, redirectUri, state),
      async connect(code, redirectUri, now) {
        const { app } = appConfig(opts);
        const tokens = await exchangeCode(app, code, redirectUri, now);
        const c = new TeslaClient({ ...app, tokens, now, spend });
        const { products } = await c.products();
        const vehicles = vehiclesOf(products);
        const sites = await discoverSites(c, products, vehicles);
        return { credentials: { ...tokens, vehicles }, sites };
      },
    },

    history: teslaHistory(client),

    async fetchLatestData(ctx) {
      const siteId = requireSiteId(ctx.system.vendorSiteId);
      const c = client(ctx);
      const prev = (ctx.state ?? {}) as TeslaState;
      const stateNow = (schedule?: FleetSchedule): TeslaState => ({
        ...c.tokens,
        vehicleSchedule: schedule ?? prev.vehicleSchedule,
      });
      return keepingState(
        () => (c.changed ? stateNow() : undefined),
        async () => {
          await c.ensureFresh();
          const nowMs = ctx.now.getTime();
          const live = await c.liveStatus(siteId);
          const readings = liveStatusReadings(live, nowMs);
          const cars = chosenVehicles(ctx.system.metadata, c.tokens.vehicles);
          let spentShare = 0;
          if (cars.length && spend) spentShare = await spend.usedShare(ctx.now);
          const wallConnector = hasWallConnector(live);
          const v = await pollVehicles(c, cars, prev.vehicleSchedule, { nowMs, spentShare, wallConnector });
          const label = [`site ${siteId}: ${String(live.grid_status ?? "?")}`, ...v.notes];
          if (spentShare >= 0.5) label.push(`credit ${Math.round(spentShare * 100)} % spent: car polls slowed`);
          return {
            readings: [...readings, ...v.readings],
            vendorResponse: { live_status: live, vehicles: v.notes },
            sessionLabel: label.join("; "),
            state: stateNow(v.schedule),
          };
        },
      );
    },

    async testConnection(ctx) {
      const c = client(ctx);
      await c.ensureFresh();
      const { products, raw } = await c.products();
      const vehicles = vehiclesOf(products);
      const sites = await discoverSites(c, products, vehicles);
      if (sites.length === 0) throw new VendorError("NO_DATA", "This Tesla account has no energy sites");
      return { sites, latest: [], vendorResponse: raw, state: c.changed ? c.tokens : undefined };
    },
  };
}

/** The Tesla adapter registered in lib/vendors/index.ts. */
export const teslaAdapter = createTeslaAdapter();

/** The account's cars (ids as strings, a name even when display_name is empty). */
export function vehiclesOf(products: TeslaProduct[]): TeslaVehicleRef[] {
  return products
    .filter((p) => p.energy_site_id === undefined && (p.vin !== undefined || p.id !== undefined))
    .map((p) => ({ id: String(p.id ?? p.vin), name: p.display_name?.trim() || `Car ${p.vin ?? p.id}` }));
}

/** The cars a system polls: metadata.deviceIds when chosen in setup, else every car of the sign-in. */
export function chosenVehicles(metadata: unknown, all: TeslaVehicleRef[] | undefined): TeslaVehicleRef[] {
  const ids = (metadata as { deviceIds?: unknown } | null)?.deviceIds;
  const list = all ?? [];
  if (!Array.isArray(ids)) return list;
  const wanted = new Set(ids.map(String));
  return list.filter((v) => wanted.has(v.id));
}

/** Energy sites as discovered sites (time zone and battery from site_info; the account's cars named). */
async function discoverSites(
  c: TeslaClient,
  products: TeslaProduct[],
  vehicles: TeslaVehicleRef[],
): Promise<DiscoveredSite[]> {
  const out: DiscoveredSite[] = [];
  for (const p of products) {
    if (p.energy_site_id === undefined) continue;
    const id = String(p.energy_site_id);
    let info: Record<string, unknown> = {};
    try {
      info = await c.siteInfo(id);
    } catch (err) {
      if (!(err instanceof VendorError) || err.code === "AUTH_FAILED") throw err;
    }
    const zone = typeof info.installation_time_zone === "string" ? info.installation_time_zone : "";
    const energyWh = typeof info.nameplate_energy === "number" ? info.nameplate_energy : null;
    const count = typeof info.battery_count === "number" ? info.battery_count : null;
    out.push({
      vendorSiteId: id,
      name: p.site_name?.trim() || `Energy site ${id}`,
      devices: vehicles.map((v) => ({ id: v.id, name: v.name, kind: "vehicle" as const })),
      info: {
        timezone: zone || null,
        model: p.resource_type === "battery" ? `Powerwall${count ? ` × ${count}` : ""}` : "Solar",
        batterySize: energyWh ? `${(energyWh / 1000).toFixed(1)} kWh` : null,
      },
    });
  }
  return out;
}

function requireSiteId(vendorSiteId: string | null | undefined): string {
  const id = (vendorSiteId ?? "").trim();
  if (!/^\d+$/.test(id)) throw new VendorError("CONFIG", `A Tesla system needs its energy site id (got "${id}")`);
  return id;
}
