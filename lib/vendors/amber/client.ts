import "server-only";
import { z } from "zod";
import { readJson, vendorFetch } from "../http";
import { VendorError } from "../types";

const VENDOR = "Amber";

const channelSchema = z.object({ identifier: z.string(), type: z.string(), tariff: z.string().nullish() });
const siteSchema = z.object({
  id: z.string().min(1),
  nmi: z.string().nullish(),
  channels: z.array(channelSchema).default([]),
  network: z.string().nullish(),
  status: z.string().nullish(),
  intervalLength: z.number().nullish(),
});
export type AmberSite = z.infer<typeof siteSchema>;

/** The fields of a price interval or a usage record that we use; everything else is ignored. */
const recordSchema = z.object({
  type: z.string(),
  duration: z.number().int().positive().default(30),
  endTime: z.string(),
  perKwh: z.number().finite(),
  spotPerKwh: z.number().finite().nullish(),
  renewables: z.number().finite().nullish(),
  channelType: z.string(),
  channelIdentifier: z.string().nullish(),
  tariffInformation: z
    .object({ period: z.string().nullish(), demandWindow: z.boolean().nullish() })
    .passthrough()
    .nullish(),
  spikeStatus: z.string().nullish(),
  descriptor: z.string().nullish(),
  estimate: z.boolean().nullish(),
  quality: z.string().nullish(),
  kwh: z.number().finite().nullish(),
  cost: z.number().finite().nullish(),
});
export type AmberRecord = z.infer<typeof recordSchema>;

export interface AmberClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The Amber REST API (Bearer psk_… key): sites, current/forecast prices and metered usage. */
export class AmberClient {
  constructor(private readonly o: AmberClientOptions) {}

  /** GET /sites: the sites the key can read. */
  async sites(): Promise<AmberSite[]> {
    const raw = await this.get("/sites");
    return parseArray(raw, siteSchema, "/sites");
  }

  /** GET /sites/{id}/prices/current: `previous` actual, the current, and `next` forecast half-hours per channel. */
  async currentPrices(
    siteId: string,
    previous: number,
    next: number,
  ): Promise<{ records: AmberRecord[]; raw: unknown }> {
    const q = new URLSearchParams({ previous: String(previous), next: String(next), resolution: "30" });
    const raw = await this.get(`/sites/${encodeURIComponent(siteId)}/prices/current?${q}`, siteId);
    return { records: parseArray(raw, recordSchema, "prices"), raw };
  }

  /** GET /sites/{id}/usage for NEM dates startDate..endDate (inclusive). */
  async usage(siteId: string, startDate: string, endDate: string): Promise<{ records: AmberRecord[]; raw: unknown }> {
    const q = new URLSearchParams({ startDate, endDate });
    const raw = await this.get(`/sites/${encodeURIComponent(siteId)}/usage?${q}`, siteId);
    return { records: parseArray(raw, recordSchema, "usage"), raw };
  }

  private async get(path: string, siteId?: string): Promise<unknown> {
    const res = await vendorFetch(`${this.o.baseUrl}${path}`, {
      vendor: VENDOR,
      headers: { authorization: `Bearer ${this.o.apiKey}`, accept: "application/json" },
      timeoutMs: this.o.timeoutMs,
      signal: this.o.signal,
    });
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new VendorError(
        "AUTH_FAILED",
        `Amber rejected the API key (HTTP ${res.status}); create a new one at app.amber.com.au/developers`,
        { status: res.status },
      );
    }
    if (res.status === 404 && siteId) {
      await res.body?.cancel();
      throw new VendorError("CONFIG", `Amber site ${siteId} is not visible to this API key`, { status: 404 });
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new VendorError("HTTP_ERROR", `Amber answered HTTP ${res.status} for ${res.where}`, { status: res.status });
    }
    return readJson(res, { redact: [this.o.apiKey] });
  }
}

/** Validates an array response item by item: bad items are dropped, but a non-array or all-bad answer is an error. */
function parseArray<T>(raw: unknown, schema: z.ZodType<T, z.ZodTypeDef, unknown>, what: string): T[] {
  if (!Array.isArray(raw)) throw new VendorError("BAD_RESPONSE", `Amber ${what} response is not a list`);
  const ok: T[] = [];
  for (const item of raw) {
    const parsed = schema.safeParse(item);
    if (parsed.success) ok.push(parsed.data);
  }
  if (raw.length > 0 && ok.length === 0) {
    throw new VendorError("BAD_RESPONSE", `Amber ${what} response has none of the expected fields`, {
      response: { first: raw[0] },
    });
  }
  return ok;
}
