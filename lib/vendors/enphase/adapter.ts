import "server-only";
import { getEnv } from "@/lib/env";
import { dayBounds, localDay } from "@/lib/time/zones";
import { dbQuotaLedger, QUOTA_LIMITS, type QuotaLedger } from "../quota";
import {
  VendorError,
  type AdapterContext,
  type DiscoveredSite,
  type IntervalReading,
  type PollAdapter,
} from "../types";
import { EnphaseClient, type EnphaseSystem, type MicroInterval } from "./client";
import { authorizeUrl, exchangeCode, type EnphaseApp } from "./oauth";
import { pastDayCoverage, type DayCoverage } from "./completeness";
import { latestPower, mapIntervals } from "./mapper";
import { enphaseIsDue, inNightPass } from "./schedule";
import { dbTokenStore, type EnphaseTokenStore } from "./token-store";

/** How long after local midnight an empty day is still expected (Enphase reports each interval with a delay). */
const FIRST_INTERVAL_GRACE_MS = 30 * 60_000;
import { enphaseTokensSchema, newestTokens, type EnphaseTokens } from "./tokens";

/** How far back gaps are re-fetched (Enlighten keeps history; one call per missing day). */
export const BACKFILL_DAYS = 7;
/** A past day fetched after it ended is asked again at most this often while still incomplete. */
const RETRY_DAY_MS = 20 * 3_600_000;

export interface EnphaseAdapterOptions {
  baseUrl?: string;
  apiKey?: string;
  clientId?: string;
  clientSecret?: string;
  timeoutMs?: number;
  /** Quota ledger (default the database one; null = none, for emulator-only tests). */
  ledger?: QuotaLedger | null;
  tokenStore?: EnphaseTokenStore;
}

/** Vendor state between polls: the newest token pair plus when each past day was last re-fetched. */
type EnphaseState = EnphaseTokens & { backfilledAt?: Record<string, number> };
type Ctx = Omit<AdapterContext<EnphaseTokens>, "system"> & { system?: AdapterContext<EnphaseTokens>["system"] };

/** This deployment's Enphase application (options first, then ENPHASE_* read at call time) and what is missing. */
function appConfig(opts: EnphaseAdapterOptions): { app: EnphaseApp & { apiKey: string }; missing: string[] } {
  const env = getEnv();
  const app = {
    baseUrl: opts.baseUrl ?? env.ENPHASE_BASE_URL,
    apiKey: opts.apiKey ?? env.ENPHASE_API_KEY ?? "",
    clientId: opts.clientId ?? env.ENPHASE_CLIENT_ID ?? "",
    clientSecret: opts.clientSecret ?? env.ENPHASE_CLIENT_SECRET ?? "",
    timeoutMs: opts.timeoutMs,
  };
  const missing = Object.entries({
    ENPHASE_CLIENT_ID: app.clientId,
    ENPHASE_CLIENT_SECRET: app.clientSecret,
    ENPHASE_API_KEY: app.apiKey,
  })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  return { app, missing };
}

/** Builds the Enphase adapter; the registered one reads ENPHASE_* from the environment at call time. */
export function createEnphaseAdapter(opts: EnphaseAdapterOptions = {}): PollAdapter<EnphaseTokens> {
  const store = opts.tokenStore ?? dbTokenStore;
  const ledger = opts.ledger === undefined ? dbQuotaLedger : opts.ledger;
  const client = (ctx: Ctx) => {
    const { app, missing } = appConfig(opts);
    if (missing.length)
      throw new VendorError("CONFIG", `Enphase is not configured on this server: set ${missing.join(", ")}`);
    const systemId = ctx.system?.id ?? 0;
    const tokens = newestTokens(ctx.credentials, ctx.state);
    if (!tokens)
      throw new VendorError("AUTH_FAILED", "No Enphase sign-in is stored for this system: connect Enphase again");
    return new EnphaseClient({
      ...app,
      timeoutMs: opts.timeoutMs,
      signal: ctx.signal,
      tokens,
      now: ctx.now,
      ledger,
      onRefresh: (t) => store.save(systemId, t),
      recoverTokens: () => store.newest(systemId, tokens.grant),
    });
  };

  return {
    vendorType: "enphase",
    displayName: "Enphase",
    description:
      "Enphase microinverters through Enlighten (sign in with Enphase); 5-minute production, hourly in daylight.",
    mode: "poll",
    capabilities: { flows: ["solar"], power: false, energy: "interval", setup: "oauth", polling: true },
    credentialFields: [],
    credentialsSchema: enphaseTokensSchema,
    limits: { ...QUOTA_LIMITS.enphase },
    // Polled about hourly in daylight to stay inside the free plan: an hour-old value is up to date.
    dataIntervalMs: 3_600_000,
    isDue: enphaseIsDue,
    history: {
      // One production_micro call per local day; the free plan's 1,000 a month are shared with hourly polling.
      chunkEnd: (startMs, zone) => dayBounds(localDay(startMs, zone), zone).endMs,
      callsPerChunk: 1,
      callsPerDay: 12,
      async fetchHistory(ctx, fromMs, toMs) {
        const c = client(ctx);
        await c.ensureFresh();
        const window = { startS: Math.round(fromMs / 1000), endS: Math.round(toMs / 1000) };
        const r = await c.productionMicro(requireSystemId(ctx.system.vendorSiteId), window);
        return { intervals: mapIntervals(r.intervals, r.totalDevices) };
      },
    },

    // "Connect Enphase": lib/systems keeps the grant and creates the chosen systems.
    oauth: {
      missingConfig: () => appConfig(opts).missing,
      authorizeUrl: (redirectUri, state) => authorizeUrl(appConfig(opts).app, redirectUri, state),
      async connect(code, redirectUri, now) {
        const { app } = appConfig(opts);
        const tokens = await exchangeCode(app, code, redirectUri, now);
        const { systems } = await new EnphaseClient({ ...app, tokens, now, ledger }).systems();
        return { credentials: tokens, sites: systems.map(toSite) };
      },
    },

    async fetchLatestData(ctx) {
      const systemId = requireSystemId(ctx.system.vendorSiteId);
      const c = client(ctx);
      await c.ensureFresh();
      const zone = ctx.system.displayTimezone;
      const nowMs = ctx.now.getTime();
      const night = inNightPass(ctx.now, zone);
      const backfilledAt = { ...(((ctx.state as EnphaseState | null)?.backfilledAt ?? {}) as Record<string, number>) };
      const gaps = (await pastDayCoverage(ctx.system.id, zone, ctx.now, BACKFILL_DAYS)).filter(
        (d) => d.stored < d.expected && !(backfilledAt[d.day] > d.endMs && nowMs - backfilledAt[d.day] < RETRY_DAY_MS),
      );
      const intervals: IntervalReading[] = [];
      const fetched: Array<{ day: string; intervals: number }> = [];
      for (const d of gaps.slice(0, night ? 3 : 2)) {
        const r = await c.productionMicro(systemId, dayWindow(d));
        intervals.push(...mapIntervals(r.intervals, r.totalDevices));
        fetched.push({ day: d.day, intervals: r.intervals.length });
        backfilledAt[d.day] = nowMs;
      }
      let today: MicroInterval[] = [];
      let raw: unknown = null;
      let totalDevices: number | null = null;
      if (!night) {
        ({ intervals: today, raw, totalDevices } = await c.productionMicro(systemId));
        // Just after local midnight the new day has no interval yet: that is not a dead gateway.
        const sinceMidnightMs = nowMs - dayBounds(localDay(nowMs, zone), zone).startMs;
        if (today.length === 0 && sinceMidnightMs >= FIRST_INTERVAL_GRACE_MS) {
          throw new VendorError(
            "NO_DATA",
            `Enphase returned no intervals for system ${systemId} today (is the gateway online?)`,
            {
              response: raw,
            },
          );
        }
        intervals.push(...mapIntervals(today, totalDevices));
      }
      const state: EnphaseState = { ...c.tokens, backfilledAt: prune(backfilledAt, nowMs) };
      const label = [
        night ? null : `today: ${today.length} intervals`,
        ...fetched.map((f) => `${f.day}: ${f.intervals}`),
      ];
      return {
        readings: latestPower(today),
        intervals,
        vendorResponse: { today: raw, backfilled: fetched },
        sessionLabel: label.filter(Boolean).join("; ") || "nothing to fetch: recent days are complete",
        state,
      };
    },

    async testConnection(ctx) {
      const c = client(ctx);
      await c.ensureFresh();
      const { systems, raw } = await c.systems();
      if (systems.length === 0) throw new VendorError("NO_DATA", "This Enphase account has no systems");
      return { sites: systems.map(toSite), latest: [], vendorResponse: raw, state: c.changed ? c.tokens : undefined };
    },
  };
}

/** The Enphase adapter registered in lib/vendors/index.ts. */
export const enphaseAdapter = createEnphaseAdapter();

/** An Enlighten system as a discovered site (timezone, coordinates when listed, array size). */
export function toSite(s: EnphaseSystem): DiscoveredSite {
  const a = (s.address ?? {}) as Record<string, unknown>;
  const lat = typeof a.lat === "number" ? a.lat : undefined;
  const lng = typeof a.lng === "number" ? a.lng : undefined;
  const address = [a.city, a.state, a.country].filter((v) => typeof v === "string" && v).join(", ");
  return {
    vendorSiteId: String(s.system_id),
    name: s.name?.trim() || `Enphase system ${s.system_id}`,
    info: {
      timezone: s.timezone ?? null,
      solarSize: typeof s.system_size === "number" ? `${(s.system_size / 1000).toFixed(1)} kW` : null,
      location:
        lat !== undefined || lng !== undefined || address ? { lat, lng, ...(address ? { address } : {}) } : null,
    },
  };
}

function dayWindow(d: DayCoverage): { startS: number; endS: number } {
  return { startS: Math.round(d.startMs / 1000), endS: Math.round(d.endMs / 1000) };
}

function prune(backfilledAt: Record<string, number>, nowMs: number): Record<string, number> {
  const keep = nowMs - (BACKFILL_DAYS + 2) * 86_400_000;
  return Object.fromEntries(Object.entries(backfilledAt).filter(([, t]) => t >= keep));
}

function requireSystemId(vendorSiteId: string | null | undefined): string {
  const id = (vendorSiteId ?? "").trim();
  if (!/^\d+$/.test(id))
    throw new VendorError("CONFIG", `An Enphase system needs its Enlighten system id (got "${id}")`);
  return id;
}
