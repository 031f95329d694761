import "server-only";
import type { QuotaPeriod } from "@/lib/db/schema";
import { countQuotaCall, pruneQuotaWindows, quotaCallsIn } from "@/lib/db/queries/vendor-quota";
import { hashSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { VendorError, type VendorLimits } from "./types";

/**
 * The vendor API quota ledger: every call an adapter is about to make is counted per (vendor, account key,
 * window) in the database first, and refused with RATE_LIMITED once a window is full, so we stop before the
 * vendor's own 429. Windows are UTC: minute, day (SolarEdge resets at midnight UTC) and calendar month.
 */

/** The published quotas of the vendors that have them (adapters use these as their `limits`). */
export const QUOTA_LIMITS: Record<string, VendorLimits> = {
  enphase: { perMinute: 10, perMonth: 1000 },
  solaredge: { perDay: 300 },
};

/** One account whose windows a call counts against (SolarEdge: the API key and the site). */
export interface QuotaEntry {
  accountKey: string;
  limits: VendorLimits;
}

/** What a window holds now, for admins and messages. */
export interface QuotaWindow {
  period: QuotaPeriod;
  limit: number;
  used: number;
  left: number;
  resetsAtMs: number;
  /** For a vendor billed per call: the price of one call (USD), so `used` and `limit` read as spend and credit. */
  pricePerCallUsd?: number;
}

/** Counts calls before they are made; the DB ledger in production, a no-op or in-memory one in tests. */
export interface QuotaLedger {
  reserve(vendor: string, entries: QuotaEntry[], now: Date): Promise<void>;
}

const LIMIT_OF: Record<QuotaPeriod, keyof VendorLimits> = { minute: "perMinute", day: "perDay", month: "perMonth" };
const PERIODS: QuotaPeriod[] = ["minute", "day", "month"];
const LABELS: Record<string, string> = { enphase: "Enphase", solaredge: "SolarEdge", tesla: "Tesla" };

/** Tesla bills each vehicle data request (USD); energy site data is not priced today. */
export const TESLA_VEHICLE_DATA_PRICE_USD = 0.002;

/**
 * Tesla's pay-per-use credit as a call limit: the monthly credit of the developer account (TESLA_MONTHLY_CREDIT_USD,
 * $10 by default) buys this many vehicle data requests a month, for this deployment's application as a whole.
 */
export function teslaLimits(creditUsd = getEnv().TESLA_MONTHLY_CREDIT_USD): VendorLimits {
  return { perMonth: Math.floor(creditUsd / TESLA_VEHICLE_DATA_PRICE_USD + 1e-9) };
}

/** The ledger key of this deployment's Tesla application (the credit is per developer account, i.e. client id). */
export function teslaAppKey(clientId = getEnv().TESLA_CLIENT_ID ?? ""): string {
  return quotaAccountKey(`tesla-app:${clientId}`);
}

/** The ledger key of a secret (API key, client id): a short SHA-256 prefix, so the secret itself is never stored. */
export function quotaAccountKey(secret: string): string {
  return `h:${hashSecret(secret).slice(0, 24)}`;
}

/** [start, end) of the UTC window of `period` that contains nowMs. */
export function windowOf(period: QuotaPeriod, nowMs: number): { startMs: number; endMs: number } {
  if (period === "minute") {
    const startMs = nowMs - (((nowMs % 60_000) + 60_000) % 60_000);
    return { startMs, endMs: startMs + 60_000 };
  }
  if (period === "day") {
    const startMs = nowMs - (((nowMs % 86_400_000) + 86_400_000) % 86_400_000);
    return { startMs, endMs: startMs + 86_400_000 };
  }
  const d = new Date(nowMs);
  return {
    startMs: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
    endMs: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
  };
}

interface Slot {
  accountKey: string;
  period: QuotaPeriod;
  startMs: number;
  endMs: number;
  limit: number;
}

function slotsOf(entries: QuotaEntry[], nowMs: number): Slot[] {
  const slots: Slot[] = [];
  for (const e of entries) {
    for (const period of PERIODS) {
      const limit = e.limits[LIMIT_OF[period]];
      if (limit === undefined || !Number.isFinite(limit)) continue;
      slots.push({ accountKey: e.accountKey, period, limit, ...windowOf(period, nowMs) });
    }
  }
  return slots;
}

/**
 * Counts one call against every window of every entry, all or nothing, in ONE statement (so concurrent pollers
 * cannot both take the last call). Throws RATE_LIMITED, with the wait until the full window resets, when any
 * window is already full; nothing is counted then.
 */
export async function reserveCalls(vendor: string, entries: QuotaEntry[], now = new Date()): Promise<void> {
  const nowMs = now.getTime();
  const slots = slotsOf(entries, nowMs);
  if (!slots.length) return;
  const counted = await countQuotaCall(vendor, slots, nowMs);
  if (counted.length === 0) throw await exhausted(vendor, slots, nowMs);
  const fresh = new Set(counted.filter((r) => r.calls === 1).map((r) => r.accountKey));
  for (const accountKey of fresh) await prune(vendor, accountKey, nowMs);
}

/** Counts one call of one account (see reserveCalls). */
export async function reserveCall(
  vendor: string,
  accountKey: string,
  limits: VendorLimits,
  now = new Date(),
): Promise<void> {
  await reserveCalls(vendor, [{ accountKey, limits }], now);
}

/** The database-backed ledger adapters use by default. */
export const dbQuotaLedger: QuotaLedger = { reserve: reserveCalls };

/** Calls used and left in each limited window of an account now (limits default to the vendor's published ones). */
export async function callsLeft(
  vendor: string,
  accountKey: string,
  now = new Date(),
  limits: VendorLimits = QUOTA_LIMITS[vendor] ?? {},
): Promise<QuotaWindow[]> {
  const slots = slotsOf([{ accountKey, limits }], now.getTime());
  const used = await usedIn(vendor, slots);
  return slots.map((s, i) => ({
    period: s.period,
    limit: s.limit,
    used: used[i],
    left: Math.max(0, s.limit - used[i]),
    resetsAtMs: s.endMs,
  }));
}

/**
 * The quota that limits one system, for admin pages: SolarEdge's per-site day, Enphase's per-application
 * month (keyed by ENPHASE_API_KEY), Tesla's monthly credit in vehicle data requests (per application); null for
 * vendors without a quota.
 */
export async function callsLeftForSystem(
  system: { vendorType: string; vendorSiteId: string },
  now = new Date(),
): Promise<QuotaWindow[] | null> {
  if (system.vendorType === "solaredge") return callsLeft("solaredge", solarEdgeSiteKey(system.vendorSiteId), now);
  if (system.vendorType === "enphase") return callsLeft("enphase", enphaseAppKey(), now);
  if (system.vendorType === "tesla") {
    const windows = await callsLeft("tesla", teslaAppKey(), now, teslaLimits());
    return windows.map((w) => ({ ...w, pricePerCallUsd: TESLA_VEHICLE_DATA_PRICE_USD }));
  }
  return null;
}

/** A vendor billed per call: this month's spend and the monthly credit it is measured against (USD). */
export interface ApiSpend {
  usedUsd: number;
  creditUsd: number;
}

/** The spend of the priced monthly window among a system's quota windows; null for a vendor not billed per call. */
export function spendOf(windows: QuotaWindow[] | null): ApiSpend | null {
  const w = windows?.find((x) => x.period === "month" && x.pricePerCallUsd !== undefined);
  if (!w || w.pricePerCallUsd === undefined) return null;
  return { usedUsd: w.used * w.pricePerCallUsd, creditUsd: w.limit * w.pricePerCallUsd };
}

/** This month's API spend of a system's vendor against its credit (admin and settings); null when not billed. */
export async function apiSpendForSystem(
  system: { vendorType: string; vendorSiteId: string },
  now = new Date(),
): Promise<ApiSpend | null> {
  return spendOf(await callsLeftForSystem(system, now));
}

/** The ledger key of one SolarEdge site (a public id, not a secret). */
export function solarEdgeSiteKey(siteId: string): string {
  return `site:${siteId}`;
}

/** The ledger key of this deployment's Enphase application (its quota is per API key). */
export function enphaseAppKey(apiKey = getEnv().ENPHASE_API_KEY ?? ""): string {
  return quotaAccountKey(`enphase-app:${apiKey}`);
}

async function usedIn(vendor: string, slots: Slot[]): Promise<number[]> {
  return quotaCallsIn(vendor, slots);
}

async function exhausted(vendor: string, slots: Slot[], nowMs: number): Promise<VendorError> {
  const used = await usedIn(vendor, slots);
  const full = slots
    .map((s, i) => ({ ...s, used: used[i] }))
    .filter((s) => s.used >= s.limit)
    .sort((a, b) => b.endMs - a.endMs)[0];
  const s = full ?? slots[0];
  const retryAfterMs = Math.max(1_000, s.endMs - nowMs);
  const who = s.accountKey.startsWith("site:") ? ` for site ${s.accountKey.slice(5)}` : "";
  return new VendorError(
    "RATE_LIMITED",
    `${LABELS[vendor] ?? vendor} API quota used up${who}: ${s.limit} calls per ${s.period} ` +
      `(resets in ${formatWait(retryAfterMs)}); calls are paused until then`,
    { retryAfterMs },
  );
}

/** "45 s", "12 min", "3 h 5 min", "4 days". */
export function formatWait(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.ceil(s / 60);
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
  return `${Math.round(m / 1440)} days`;
}

// Old windows are useless: keep an hour of minutes, 40 days of days, 400 days of months (for admin history).
async function prune(vendor: string, accountKey: string, nowMs: number): Promise<void> {
  await pruneQuotaWindows(vendor, accountKey, {
    minute: nowMs - 3_600_000,
    day: nowMs - 40 * 86_400_000,
    month: nowMs - 400 * 86_400_000,
  });
}
