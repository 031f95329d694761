import "server-only";
import { DateTime } from "luxon";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { isValidTimezone } from "@/lib/time/zones";
import { dbQuotaLedger, QUOTA_LIMITS, type QuotaLedger } from "../quota";
import { VendorError, keepingState, type AdapterContext, type DiscoveredSite, type PollAdapter } from "../types";
import { SolarEdgeClient, type SolarEdgeSiteInfo } from "./client";
import { ENERGY_METERS, mapPowerFlow, parseQuarters, readPowerFlow, spreadQuarters } from "./mapper";
import { lastNightPowers, solarEdgeHistory } from "./history";
import { solarEdgeDataIntervalAt, solarEdgeIsDue } from "./schedule";

/** A SolarEdge Monitoring API key (account or site level); the site is chosen at setup. */
export const solarEdgeCredentialsSchema = z.object({
  apiKey: z
    .string({ required_error: "Enter your SolarEdge API key" })
    .trim()
    .regex(/^[A-Za-z0-9]{16,64}$/, "Enter the API key from the SolarEdge monitoring portal (letters and digits)"),
});
export type SolarEdgeCredentials = z.infer<typeof solarEdgeCredentialsSchema>;

/** energyDetails at most once an hour; each call re-reads the last hour too, for values the site sent late. */
export const ENERGY_EVERY_MS = 60 * 60_000;
const OVERLAP_MS = 60 * 60_000;
/** How far back a gap is back-filled after an outage (one call covers up to a month). */
export const ENERGY_BACKFILL_MS = 7 * 86_400_000;
const QUARTER_MS = 15 * 60_000;
const LOCAL = "yyyy-MM-dd HH:mm:ss";

/** State between polls: the site's own time zone, and how far quarter-hour energies are stored. */
const stateSchema = z.object({
  siteTimezone: z.string().optional(),
  energyThroughMs: z.number().optional(),
  energyFetchedAtMs: z.number().optional(),
  /** Where the once-a-day night fill from powerDetails has reached (./history.ts lastNightPowers). */
  nightPowersThroughMs: z.number().optional(),
  /** The power-flow unit error last logged (logged once, not every poll; cleared when the flow is right again). */
  unitError: z.string().optional(),
});
type SolarEdgeState = z.infer<typeof stateSchema>;

export interface SolarEdgeAdapterOptions {
  baseUrl?: string;
  timeoutMs?: number;
  ledger?: QuotaLedger | null;
}

type Ctx = Omit<AdapterContext<SolarEdgeCredentials>, "system"> & {
  system?: AdapterContext<SolarEdgeCredentials>["system"];
};

/** Builds the SolarEdge adapter; the registered one reads SOLAREDGE_BASE_URL at call time. */
export function createSolarEdgeAdapter(opts: SolarEdgeAdapterOptions = {}): PollAdapter<SolarEdgeCredentials> {
  const client = (ctx: Ctx) =>
    new SolarEdgeClient({
      baseUrl: opts.baseUrl ?? getEnv().SOLAREDGE_BASE_URL,
      apiKey: ctx.credentials.apiKey,
      now: ctx.now,
      ledger: opts.ledger === undefined ? dbQuotaLedger : opts.ledger,
      timeoutMs: opts.timeoutMs,
      signal: ctx.signal,
    });

  return {
    vendorType: "solaredge",
    displayName: "SolarEdge",
    description:
      "SolarEdge inverters and batteries through the Monitoring API (API key); live every 5 minutes in daylight.",
    mode: "poll",
    capabilities: {
      flows: ["solar", "load", "battery", "grid"],
      power: true,
      energy: "interval",
      setup: "credentials",
      polling: true,
    },
    credentialFields: [
      {
        name: "apiKey",
        label: "SolarEdge API key",
        type: "password",
        help: "Monitoring portal → Admin → Site Access → API Access",
      },
    ],
    credentialsSchema: solarEdgeCredentialsSchema,
    limits: { concurrency: 3, ...QUOTA_LIMITS.solaredge },
    dataIntervalMs: 300_000,
    // Polled every 30 minutes at night (./schedule.ts); 35 absorbs cron jitter.
    maxDataGapMs: 35 * 60_000,
    dataIntervalAt: solarEdgeDataIntervalAt,
    isDue: solarEdgeIsDue,
    history: solarEdgeHistory(client),

    async fetchLatestData(ctx) {
      const siteId = requireSiteId(ctx.system.vendorSiteId);
      const c = client(ctx);
      const saved = stateSchema.safeParse(ctx.state ?? {});
      const state: SolarEdgeState = saved.success ? { ...saved.data } : {};
      // The site's time zone costs a quota call: once looked up it is kept even if the rest of this poll fails.
      let lookedUp: SolarEdgeState | undefined;
      if (!state.siteTimezone) {
        const tz = String((await c.details(siteId)).location?.timeZone ?? "");
        state.siteTimezone = isValidTimezone(tz) ? tz : ctx.system.displayTimezone;
        lookedUp = { ...state };
      }
      return keepingState(
        () => lookedUp,
        async () => {
          const { flow, raw } = await c.currentPowerFlow(siteId);
          const live = readPowerFlow(flow, Math.floor(ctx.now.getTime() / 1000) * 1000);
          const readings = live.readings;
          if (!readings.some((r) => r.value !== null && r.quality !== "error")) {
            const why = live.warnings.length ? `: ${live.warnings.join("; ")}` : " (no meter or inverter offline?)";
            throw new VendorError("NO_DATA", `SolarEdge returned no usable power flow for site ${siteId}${why}`, {
              response: raw,
            });
          }
          logUnitErrorOnce(siteId, state, live.unitError);
          const energy = await fetchEnergy(c, siteId, state, ctx.now);
          const warning = live.warnings.length ? `; warning: ${live.warnings.join("; ")}` : "";
          return {
            readings,
            intervals: energy.intervals,
            vendorResponse: {
              currentPowerFlow: raw,
              energy: energy.summary,
              ...(live.warnings.length ? { warnings: live.warnings } : {}),
            },
            sessionLabel: `${energy.summary.label}${warning}`.slice(0, 500),
            state,
          };
        },
      );
    },

    async testConnection(ctx) {
      const c = client(ctx);
      const { sites, raw } = await c.sites();
      if (sites.length === 0) throw new VendorError("NO_DATA", "This SolarEdge API key has no sites");
      const found = sites.map(toSite);
      const chosen = found.find((s) => s.vendorSiteId === ctx.system?.vendorSiteId) ?? found[0];
      const { flow } = await c.currentPowerFlow(chosen.vendorSiteId);
      return {
        sites: found,
        latest: mapPowerFlow(flow, Math.floor(ctx.now.getTime() / 1000) * 1000),
        vendorResponse: raw,
      };
    },
  };
}

/**
 * Logs a power-flow unit error once per site and error text (kept in the vendor state), not on every poll; a
 * flow that is right again clears it, so a later error is logged again.
 */
export function logUnitErrorOnce(siteId: string, state: SolarEdgeState, unitError: string | null): void {
  if (unitError === null) {
    delete state.unitError;
    return;
  }
  if (state.unitError === unitError) return;
  state.unitError = unitError;
  console.warn(JSON.stringify({ level: "warn", message: "SolarEdge power flow unit error", siteId, unitError }));
}

/** The SolarEdge adapter registered in lib/vendors/index.ts. */
export const solarEdgeAdapter = createSolarEdgeAdapter();

/**
 * energyDetails from where the stored quarters end (minus an hour of overlap, at most 7 days back) to the last
 * finished quarter, at most hourly. A failure here keeps the live values: it is reported in the label and the
 * cursor stays put, so the next hour retries the whole gap.
 */
async function fetchEnergy(c: SolarEdgeClient, siteId: string, state: SolarEdgeState, now: Date) {
  const nowMs = now.getTime();
  const zone = state.siteTimezone!;
  const toMs = Math.floor(nowMs / QUARTER_MS) * QUARTER_MS;
  const through =
    state.energyThroughMs ?? DateTime.fromMillis(nowMs, { zone }).startOf("day").minus({ days: 1 }).toMillis();
  const fromMs = Math.max(Math.min(through, toMs - OVERLAP_MS), nowMs - ENERGY_BACKFILL_MS);
  const due = state.energyFetchedAtMs === undefined || nowMs - state.energyFetchedAtMs >= ENERGY_EVERY_MS;
  if (!due || toMs <= fromMs) return { intervals: [], summary: { label: "live values" } };
  const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat(LOCAL);
  try {
    const details = await c.energyDetails(siteId, local(fromMs), local(toMs), Object.keys(ENERGY_METERS));
    const quarters = parseQuarters(details, zone, toMs);
    const last = quarters.reduce((m, q) => Math.max(m, q.endMs), -Infinity);
    if (Number.isFinite(last)) state.energyThroughMs = Math.max(state.energyThroughMs ?? 0, last);
    state.energyFetchedAtMs = nowMs;
    const label = `live values; ${quarters.length} quarter-hour energies from ${local(fromMs)} to ${local(toMs)}`;
    const night = await nightFill(c, siteId, zone, state, nowMs);
    return {
      intervals: [...spreadQuarters(quarters), ...night],
      summary: { label, from: local(fromMs), to: local(toMs), quarters: quarters.length, nightPowers: night.length },
    };
  } catch (err) {
    if (!(err instanceof VendorError)) throw err;
    return { intervals: [], summary: { label: `live values; energy back-fill failed (${err.code}): ${err.message}` } };
  }
}

/** The once-a-day night fill (lastNightPowers); a failure leaves it for the next hour and keeps the energies. */
async function nightFill(c: SolarEdgeClient, siteId: string, zone: string, state: SolarEdgeState, nowMs: number) {
  try {
    const filled = await lastNightPowers(c, siteId, zone, state.nightPowersThroughMs, nowMs);
    if (!filled) return [];
    state.nightPowersThroughMs = filled.throughMs;
    return filled.intervals;
  } catch (err) {
    if (!(err instanceof VendorError)) throw err;
    return [];
  }
}

/** A SolarEdge site as a discovered site: name, time zone, coordinates when given, peak power. */
export function toSite(s: SolarEdgeSiteInfo): DiscoveredSite {
  const l = s.location ?? {};
  const lat = typeof l.latitude === "number" ? l.latitude : undefined;
  const lng = typeof l.longitude === "number" ? l.longitude : undefined;
  const address = [l.address, l.city, l.country].filter((v) => typeof v === "string" && v).join(", ");
  const tz = typeof l.timeZone === "string" && isValidTimezone(l.timeZone) ? l.timeZone : null;
  return {
    vendorSiteId: String(s.id),
    name: typeof s.name === "string" && s.name.trim() ? s.name.trim() : `SolarEdge site ${String(s.id)}`,
    info: {
      timezone: tz,
      solarSize: typeof s.peakPower === "number" ? `${s.peakPower.toFixed(1)} kW` : null,
      location:
        lat !== undefined || lng !== undefined || address ? { lat, lng, ...(address ? { address } : {}) } : null,
    },
  };
}

function requireSiteId(vendorSiteId: string | null | undefined): string {
  const id = (vendorSiteId ?? "").trim();
  if (!/^\d+$/.test(id)) throw new VendorError("CONFIG", `A SolarEdge system needs its numeric site id (got "${id}")`);
  return id;
}
