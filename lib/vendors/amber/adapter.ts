import "server-only";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { VendorError, type AdapterContext, type FetchResult, type Reading, type PollAdapter } from "../types";
import { AmberClient, type AmberRecord, type AmberSite } from "./client";
import { amberHistory } from "./history";
import { mapPrices, mapUsage, type UsageFixes } from "./mapper";
import { AMBER_POLL_INTERVAL_MS, nextUsageFrom, readState, usageDue, usageRange, type AmberState } from "./schedule";
import { dueEvery } from "../define";

/** An Amber API key (created at app.amber.com.au/developers); the site is the system's vendorSiteId. */
export const amberCredentialsSchema = z.object({
  apiKey: z
    .string({ required_error: "Enter your Amber API key" })
    .trim()
    .regex(/^psk_[A-Za-z0-9_-]{8,}$/, "Amber API keys start with psk_ (create one at app.amber.com.au/developers)"),
});
export type AmberCredentials = z.infer<typeof amberCredentialsSchema>;

/** Actual prices of the last 6 hours (to fill gaps after an outage) and forecasts for the next 24. */
export const PRICE_PREVIOUS = 12;
export const PRICE_NEXT = 48;

export interface AmberAdapterOptions {
  /** API base (default getEnv().AMBER_BASE_URL, read at call time). */
  baseUrl?: string;
  timeoutMs?: number;
}

type Ctx = Omit<AdapterContext<AmberCredentials>, "system"> & { system?: AdapterContext<AmberCredentials>["system"] };

/** Builds the Amber adapter; the registered one uses the environment, tests point it at the emulator. */
export function createAmberAdapter(opts: AmberAdapterOptions = {}): PollAdapter<AmberCredentials> {
  const client = (ctx: Ctx) =>
    new AmberClient({
      baseUrl: opts.baseUrl ?? getEnv().AMBER_BASE_URL,
      apiKey: ctx.credentials.apiKey,
      timeoutMs: opts.timeoutMs,
      signal: ctx.signal,
    });

  return {
    vendorType: "amber",
    displayName: "Amber Electric",
    description:
      "Amber Electric wholesale tariff: prices and forecasts every 5 minutes, metered usage and cost hourly.",
    mode: "poll",
    capabilities: { flows: ["grid", "prices"], power: false, energy: "interval", setup: "credentials", polling: true },
    credentialFields: [
      {
        name: "apiKey",
        label: "Amber API key",
        type: "password",
        placeholder: "psk_…",
        help: "app.amber.com.au/developers",
      },
    ],
    credentialsSchema: amberCredentialsSchema,
    limits: { perMinute: 10 },
    history: amberHistory(client),

    dataIntervalMs: 300_000,
    isDue(_system, lastPollMs, now) {
      return dueEvery(AMBER_POLL_INTERVAL_MS, lastPollMs, now);
    },

    async fetchLatestData(ctx): Promise<FetchResult> {
      const siteId = requireSiteId(ctx.system.vendorSiteId);
      const c = client(ctx);
      const nowMs = ctx.now.getTime();
      const prices = await c.currentPrices(siteId, PRICE_PREVIOUS, PRICE_NEXT);
      if (!prices.records.length) {
        throw new VendorError("NO_DATA", `Amber returned no prices for site ${siteId} (the site may be inactive)`);
      }
      const intervals = mapPrices(prices.records);
      const saved = readState(ctx.state);
      let state: AmberState | undefined;
      let usageSummary: Record<string, unknown> | undefined;
      let sessionLabel: string | undefined;
      if (usageDue(saved, nowMs)) {
        const range = usageRange(saved, nowMs);
        const usage = await c.usage(siteId, range.startDate, range.endDate);
        const fixes: UsageFixes = { costSignFlipped: 0, negativeUsage: 0 };
        intervals.push(...mapUsage(usage.records, fixes));
        state = { usageFetchedAtMs: nowMs, usageFrom: nextUsageFrom(usage.records, range.startDate) };
        usageSummary = {
          ...range,
          records: usage.records.length,
          quality: countBy(usage.records, (r) => r.quality),
          ...(fixes.costSignFlipped || fixes.negativeUsage ? { signWarnings: fixes } : {}),
        };
        sessionLabel = usageLabel(fixes);
      }
      return {
        readings: [],
        intervals,
        vendorResponse: {
          prices: { records: prices.records.length, types: countBy(prices.records, (r) => r.type) },
          current: prices.records.filter((r) => r.type === "CurrentInterval"),
          ...(usageSummary ? { usage: usageSummary } : {}),
        },
        state,
        ...(sessionLabel ? { sessionLabel } : {}),
      };
    },

    async testConnection(ctx) {
      const c = client(ctx);
      const sites = await c.sites();
      if (!sites.length) throw new VendorError("NO_DATA", "This Amber API key has no sites");
      const wanted = ctx.system?.vendorSiteId;
      const chosen = sites.find((s) => s.id === wanted) ?? sites[0];
      const prices = await c.currentPrices(chosen.id, 0, 0);
      return {
        sites: sites.map(toDiscovered),
        latest: currentReadings(prices.records, ctx.now.getTime()),
        vendorResponse: { sites: sites.map((s) => ({ ...s, nmi: s.nmi ? "***" : s.nmi })) },
      };
    },
  };
}

/** The Amber adapter registered in lib/vendors/index.ts. */
export const amberAdapter = createAmberAdapter();

function toDiscovered(s: AmberSite) {
  const channels = s.channels.map((c) => `${c.identifier} ${c.type}`).join(", ");
  return {
    vendorSiteId: s.id,
    name: `Amber site${s.nmi ? ` NMI ${s.nmi}` : ""}${s.network ? ` (${s.network})` : ""}`,
    info: { model: "Amber Electric", serial: s.nmi ?? null, ratings: channels || null },
  };
}

/** The current interval's prices (and spot, renewables, period) as readings at `nowMs`, for a connection test. */
function currentReadings(records: AmberRecord[], nowMs: number): Reading[] {
  const current = records.filter((r) => r.type === "CurrentInterval");
  return mapPrices(current)
    .map((i) => ({
      point: i.point,
      measurementTimeMs: nowMs,
      value: i.valueStr ? null : (i.avg ?? null),
      ...(i.valueStr ? { valueStr: i.valueStr } : {}),
    }))
    .filter((r, k, all) => all.findIndex((x) => x.point === r.point) === k);
}

/** A session label that names sign problems in the usage records, or undefined when there were none. */
function usageLabel(f: UsageFixes): string | undefined {
  const parts = [
    f.costSignFlipped ? `${f.costSignFlipped} usage costs had the opposite sign to their price and were flipped` : "",
    f.negativeUsage ? `${f.negativeUsage} negative usage records on a consumption channel were not stored` : "",
  ].filter(Boolean);
  return parts.length ? `warning: ${parts.join("; ")}` : undefined;
}

function countBy<T>(items: T[], key: (t: T) => string | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) {
    const k = key(i) ?? "unknown";
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function requireSiteId(vendorSiteId: string | null | undefined): string {
  const id = (vendorSiteId ?? "").trim();
  if (!/^[A-Za-z0-9]+$/.test(id))
    throw new VendorError("CONFIG", `An Amber system needs its Amber site id (got "${id}")`);
  return id;
}
