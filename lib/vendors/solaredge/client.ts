import "server-only";
import { parseJsonText, readBody, vendorFetch } from "../http";
import { quotaAccountKey, QUOTA_LIMITS, solarEdgeSiteKey, type QuotaEntry, type QuotaLedger } from "../quota";
import { VendorError } from "../types";
import type { EnergyDetails, PowerFlow } from "./mapper";

const VENDOR = "SolarEdge";

export interface SolarEdgeClientOptions {
  baseUrl: string;
  apiKey: string;
  now: Date;
  ledger: QuotaLedger | null;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A site from /sites/list or /site/{id}/details (the fields we use). */
export interface SolarEdgeSiteInfo {
  id?: unknown;
  name?: unknown;
  peakPower?: unknown;
  status?: unknown;
  location?: {
    timeZone?: unknown;
    city?: unknown;
    address?: unknown;
    country?: unknown;
    latitude?: unknown;
    longitude?: unknown;
  };
}

/** The Monitoring API with one API key (sent as `api_key`, never logged); every call is counted in the ledger. */
export class SolarEdgeClient {
  constructor(private readonly o: SolarEdgeClientOptions) {}

  /** Every site the key can see. */
  async sites(): Promise<{ sites: SolarEdgeSiteInfo[]; raw: unknown }> {
    const raw = await this.get<{ sites?: { site?: SolarEdgeSiteInfo[] } }>("/sites/list", {}, null);
    const sites = raw?.sites?.site;
    if (!Array.isArray(sites)) throw new VendorError("BAD_RESPONSE", 'SolarEdge sites list has no "sites.site" array');
    return { sites, raw };
  }

  /** One site's details (name, time zone, location, peak power). */
  async details(siteId: string): Promise<SolarEdgeSiteInfo> {
    const raw = await this.get<{ details?: SolarEdgeSiteInfo }>(`/site/${siteId}/details`, {}, siteId);
    if (!raw?.details || typeof raw.details !== "object") {
      throw new VendorError("BAD_RESPONSE", `SolarEdge details of site ${siteId} are missing`);
    }
    return raw.details;
  }

  /** The site's current power flow. */
  async currentPowerFlow(siteId: string): Promise<{ flow: PowerFlow; raw: unknown }> {
    const raw = await this.get<{ siteCurrentPowerFlow?: PowerFlow }>(`/site/${siteId}/currentPowerFlow`, {}, siteId);
    const flow = raw?.siteCurrentPowerFlow;
    if (!flow || typeof flow !== "object") {
      throw new VendorError(
        "BAD_RESPONSE",
        `SolarEdge currentPowerFlow of site ${siteId} has no "siteCurrentPowerFlow"`,
      );
    }
    return { flow, raw };
  }

  /** Quarter-hour energies (Wh) of the meters between two site-local times ("YYYY-MM-DD hh:mm:ss"). */
  async energyDetails(siteId: string, startTime: string, endTime: string, meters: string[]): Promise<EnergyDetails> {
    return this.meterDetails("energy", siteId, startTime, endTime, meters);
  }

  /** Quarter-hour average powers (W) of the meters, as energyDetails (history import: lib/backfill). */
  async powerDetails(siteId: string, startTime: string, endTime: string, meters: string[]): Promise<EnergyDetails> {
    return this.meterDetails("power", siteId, startTime, endTime, meters);
  }

  private async meterDetails(
    kind: "energy" | "power",
    siteId: string,
    startTime: string,
    endTime: string,
    meters: string[],
  ): Promise<EnergyDetails> {
    const field = `${kind}Details` as const;
    const raw = await this.get<Partial<Record<typeof field, EnergyDetails>>>(
      `/site/${siteId}/${field}`,
      { meters: meters.join(","), timeUnit: "QUARTER_OF_AN_HOUR", startTime, endTime },
      siteId,
    );
    const details = raw?.[field];
    if (!details || typeof details !== "object") {
      throw new VendorError("BAD_RESPONSE", `SolarEdge ${field} of site ${siteId} are missing`);
    }
    return details;
  }

  private async get<T>(path: string, query: Record<string, string>, siteId: string | null): Promise<T> {
    const entries: QuotaEntry[] = [
      { accountKey: quotaAccountKey(`solaredge:${this.o.apiKey}`), limits: QUOTA_LIMITS.solaredge },
    ];
    if (siteId) entries.push({ accountKey: solarEdgeSiteKey(siteId), limits: QUOTA_LIMITS.solaredge });
    await this.o.ledger?.reserve("solaredge", entries, this.o.now);
    const url = new URL(`${this.o.baseUrl}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    url.searchParams.set("api_key", this.o.apiKey);
    const res = await vendorFetch(url, {
      vendor: VENDOR,
      timeoutMs: this.o.timeoutMs,
      signal: this.o.signal,
      headers: { accept: "application/json" },
    });
    const text = await readBody(res);
    if (res.status === 401 || res.status === 403) {
      const site = siteId ? ` or cannot see site ${siteId}` : "";
      throw new VendorError(
        "AUTH_FAILED",
        `SolarEdge refused the API key (HTTP ${res.status} ${message(text, this.o.apiKey)}): the key is wrong or revoked${site}`,
        { status: res.status },
      );
    }
    if (res.status !== 200) {
      throw new VendorError(
        "HTTP_ERROR",
        `SolarEdge answered HTTP ${res.status} for ${res.where}: ${message(text, this.o.apiKey)}`,
        {
          status: res.status,
        },
      );
    }
    return parseJsonText<T>(text, { vendor: VENDOR, where: res.where, redact: [this.o.apiKey] });
  }
}

/** SolarEdge error bodies are `{"String": "…"}`; the key is masked if it is ever echoed. */
function message(text: string, apiKey: string): string {
  let m = text;
  try {
    const body = JSON.parse(text) as { String?: unknown; message?: unknown };
    m = String(body.String ?? body.message ?? text);
  } catch {
    // plain text
  }
  return m.split(apiKey).join("***").replace(/\s+/g, " ").slice(0, 160);
}
