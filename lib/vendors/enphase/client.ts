import "server-only";
import { z } from "zod";
import { parseJsonText, readBody, vendorFetch, type VendorResponse } from "../http";
import { enphaseAppKey, QUOTA_LIMITS, type QuotaLedger } from "../quota";
import { VendorError } from "../types";
import { refreshTokens, VENDOR, type EnphaseApp } from "./oauth";
import { issuedAt, needsRefresh, type EnphaseTokens } from "./tokens";

/** One production_micro interval as the API sends it: `end_at` (Unix s) is the END of the five minutes. */
export const microIntervalSchema = z.object({
  end_at: z.number().int(),
  powr: z.number().nullable().optional(),
  enwh: z.number().nullable().optional(),
  devices_reporting: z.number().nullable().optional(),
});
export type MicroInterval = z.infer<typeof microIntervalSchema>;

const telemetrySchema = z
  .object({ intervals: z.array(microIntervalSchema), total_devices: z.number().nullable().optional() })
  .passthrough();

/** A system from GET /api/v4/systems (lat/lng only when the listing carries them). */
export const enphaseSystemSchema = z
  .object({
    system_id: z.coerce.number().int(),
    name: z.string().nullable().optional(),
    timezone: z.string().nullable().optional(),
    status: z.string().nullable().optional(),
    system_size: z.number().nullable().optional(),
    address: z.record(z.unknown()).nullable().optional(),
  })
  .passthrough();
export type EnphaseSystem = z.infer<typeof enphaseSystemSchema>;

const systemsSchema = z.object({ systems: z.array(enphaseSystemSchema) }).passthrough();

export interface EnphaseClientOptions extends EnphaseApp {
  apiKey: string;
  tokens: EnphaseTokens;
  now: Date;
  ledger: QuotaLedger | null;
  /** Called with every refreshed pair before it is used (persist it for this system and its siblings). */
  onRefresh?: (tokens: EnphaseTokens) => Promise<void>;
  /** A newer pair another system of the same grant may have stored (used when our refresh token was rotated). */
  recoverTokens?: () => Promise<EnphaseTokens | null>;
}

/** Enlighten API v4 with one OAuth grant: refreshes before expiry and once on 401, counts calls in the quota ledger. */
export class EnphaseClient {
  tokens: EnphaseTokens;
  /** True once the pair differs from the one we started with (the caller stores it). */
  changed = false;

  constructor(private readonly o: EnphaseClientOptions) {
    this.tokens = o.tokens;
  }

  /** Refreshes the pair if it expires within REFRESH_MARGIN_MS. */
  async ensureFresh(): Promise<void> {
    if (needsRefresh(this.tokens, this.o.now.getTime())) await this.refresh();
  }

  /** Gets a new pair; when our refresh token was already rotated by a sibling system, adopts the sibling's pair. */
  async refresh(): Promise<void> {
    let next: EnphaseTokens;
    try {
      next = await refreshTokens(this.o, this.tokens, this.o.now);
    } catch (err) {
      const alt = err instanceof VendorError && err.code === "AUTH_FAILED" ? await this.o.recoverTokens?.() : null;
      const usable = alt && alt.refreshToken !== this.tokens.refreshToken && issuedAt(alt) >= issuedAt(this.tokens);
      if (!usable) throw err;
      next = needsRefresh(alt, this.o.now.getTime()) ? await refreshTokens(this.o, alt, this.o.now) : alt;
    }
    this.tokens = next;
    this.changed = true;
    await this.o.onRefresh?.(next);
  }

  /** The account's systems. */
  async systems(): Promise<{ systems: EnphaseSystem[]; raw: unknown }> {
    const raw = await this.get("/api/v4/systems", {});
    const parsed = systemsSchema.safeParse(raw);
    if (!parsed.success) throw new VendorError("BAD_RESPONSE", 'Enphase systems list has no "systems" array');
    return { systems: parsed.data.systems, raw };
  }

  /** production_micro: today so far (no window), or one local day from startS (granularity=day). */
  async productionMicro(
    systemId: string,
    day?: { startS: number; endS: number },
  ): Promise<{ intervals: MicroInterval[]; totalDevices: number | null; raw: unknown }> {
    const query: Record<string, string> = day
      ? { start_at: String(day.startS), end_at: String(day.endS), granularity: "day" }
      : {};
    const raw = await this.get(`/api/v4/systems/${encodeURIComponent(systemId)}/telemetry/production_micro`, query);
    const parsed = telemetrySchema.safeParse(raw);
    if (!parsed.success) {
      throw new VendorError("BAD_RESPONSE", `Enphase telemetry for system ${systemId} has no valid "intervals" array`, {
        response: raw,
      });
    }
    return { intervals: parsed.data.intervals, totalDevices: parsed.data.total_devices ?? null, raw };
  }

  private async get(path: string, query: Record<string, string>): Promise<unknown> {
    const url = new URL(`${this.o.baseUrl}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let res = await this.call(url);
    if (res.status === 401) {
      const why = await detail(res);
      if (/api key|application/i.test(why)) {
        throw new VendorError("CONFIG", `Enphase refused this app's API key (${why}): check ENPHASE_API_KEY`, {
          status: 401,
        });
      }
      await this.refresh(); // a revoked or expired access token: one refresh, one retry
      res = await this.call(url);
      if (res.status === 401) {
        const again = await detail(res);
        throw new VendorError("SESSION_EXPIRED", `Enphase refused a freshly refreshed access token (${again})`, {
          status: 401,
        });
      }
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new VendorError("CONFIG", `Enphase system not found or not visible to this account (${res.where})`, {
        status: 404,
      });
    }
    if (res.status !== 200) {
      const why = await detail(res);
      throw new VendorError("HTTP_ERROR", `Enphase answered HTTP ${res.status} for ${res.where}: ${why}`, {
        status: res.status,
      });
    }
    return parseJsonText(await readBody(res), {
      vendor: VENDOR,
      where: res.where,
      redact: [this.tokens.accessToken, this.o.apiKey],
    });
  }

  /** One API call: counted in the ledger first (RATE_LIMITED before we exceed the plan), then sent. */
  private async call(url: URL): Promise<VendorResponse> {
    await this.o.ledger?.reserve(
      "enphase",
      [{ accountKey: enphaseAppKey(this.o.apiKey), limits: QUOTA_LIMITS.enphase }],
      this.o.now,
    );
    return vendorFetch(url, {
      vendor: VENDOR,
      timeoutMs: this.o.timeoutMs,
      signal: this.o.signal,
      headers: { key: this.o.apiKey, authorization: `Bearer ${this.tokens.accessToken}`, accept: "application/json" },
    });
  }
}

/** The `details` (or `message`) of an Enphase error body, for messages; never echoes tokens. */
async function detail(res: VendorResponse): Promise<string> {
  const text = await readBody(res).catch(() => "");
  try {
    const body = JSON.parse(text) as { details?: unknown; message?: unknown };
    return String(body.details ?? body.message ?? `HTTP ${res.status}`).slice(0, 200);
  } catch {
    return `HTTP ${res.status}`;
  }
}
