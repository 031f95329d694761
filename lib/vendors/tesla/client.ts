import "server-only";
import { z } from "zod";
import { parseJsonText, readBody, vendorFetch, type VendorResponse } from "../http";
import { VendorError } from "../types";
import { refreshTokens, VENDOR, type TeslaApp } from "./oauth";
import type { SpendMeter } from "./spend";
import { issuedAt, needsRefresh, type TeslaTokens } from "./tokens";

const id = z.union([z.string(), z.number()]).transform(String);

/** A product of GET /api/1/products: an energy site or a vehicle (ids kept as strings: 16 digits exceed 2^53). */
export const productSchema = z
  .object({
    energy_site_id: id.optional(),
    resource_type: z.string().optional(),
    site_name: z.string().nullable().optional(),
    id: id.optional(),
    vin: z.string().optional(),
    display_name: z.string().nullable().optional(),
    state: z.string().optional(),
  })
  .passthrough();
export type TeslaProduct = z.infer<typeof productSchema>;

const listSchema = z.object({ response: z.array(productSchema) }).passthrough();
const objectSchema = z.object({ response: z.record(z.unknown()) }).passthrough();

export interface TeslaClientOptions extends TeslaApp {
  tokens: TeslaTokens;
  now: Date;
  spend: SpendMeter | null;
  /** Called with every refreshed pair BEFORE it is used (persist it for this system and its siblings). */
  onRefresh?: (tokens: TeslaTokens) => Promise<void>;
  /** A newer pair another system or poll of the same grant may have stored (our refresh token was rotated). */
  recoverTokens?: () => Promise<TeslaTokens | null>;
}

/** A vehicle call the car could not answer: asleep or offline (408), never woken for it. */
export class VehicleUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VehicleUnavailable";
  }
}

/**
 * The Fleet API with one sign-in: refreshes before expiry and once on 401, stores each rotated pair before use,
 * counts priced calls in the spend meter, and has no way to wake a car (there is no wake_up method on purpose).
 */
export class TeslaClient {
  tokens: TeslaTokens;
  /** True once the pair differs from the one we started with. */
  changed = false;
  /** Requests sent, by path kind (for session labels and tests). */
  readonly sent: string[] = [];

  constructor(private readonly o: TeslaClientOptions) {
    this.tokens = o.tokens;
  }

  get baseUrl(): string {
    return (this.tokens.baseUrl ?? this.o.apiUrl).replace(/\/+$/, "");
  }

  /** Refreshes the pair if it expires within REFRESH_MARGIN_MS. */
  async ensureFresh(): Promise<void> {
    if (needsRefresh(this.tokens, this.o.now.getTime())) await this.refresh();
  }

  /**
   * Gets a new pair and stores it before anything uses it. A refused refresh token (already rotated by another
   * system or an overlapping poll) is not the end of the account: the newest stored pair of the grant is adopted.
   */
  async refresh(): Promise<void> {
    let next: TeslaTokens;
    try {
      next = await refreshTokens(this.o, this.tokens, this.o.now);
    } catch (err) {
      const alt = err instanceof VendorError && err.code === "AUTH_FAILED" ? await this.o.recoverTokens?.() : null;
      const usable = alt && alt.refreshToken !== this.tokens.refreshToken && issuedAt(alt) >= issuedAt(this.tokens);
      if (!usable) throw err;
      next = needsRefresh(alt, this.o.now.getTime()) ? await refreshTokens(this.o, alt, this.o.now) : alt;
    }
    next = { ...next, baseUrl: next.baseUrl ?? this.tokens.baseUrl, vehicles: next.vehicles ?? this.tokens.vehicles };
    await this.o.onRefresh?.(next);
    this.tokens = next;
    this.changed = true;
  }

  async products(): Promise<{ products: TeslaProduct[]; raw: unknown }> {
    const raw = await this.get("/api/1/products", {}, false);
    const parsed = listSchema.safeParse(raw);
    if (!parsed.success) throw new VendorError("BAD_RESPONSE", 'Tesla products list has no "response" array');
    return { products: parsed.data.response, raw };
  }

  /**
   * GET /api/1/vehicles: each car's online state without waking it. A listing, not vehicle data: not counted
   * as priced (the facts price vehicle data, commands, wake-ups and streaming).
   */
  async vehicles(): Promise<TeslaProduct[]> {
    const raw = await this.get("/api/1/vehicles", {}, false);
    const parsed = listSchema.safeParse(raw);
    if (!parsed.success) throw new VendorError("BAD_RESPONSE", 'Tesla vehicles list has no "response" array');
    return parsed.data.response;
  }

  async siteInfo(siteId: string): Promise<Record<string, unknown>> {
    return this.object(`/api/1/energy_sites/${encodeURIComponent(siteId)}/site_info`, {}, false);
  }

  async liveStatus(siteId: string): Promise<Record<string, unknown>> {
    return this.object(`/api/1/energy_sites/${encodeURIComponent(siteId)}/live_status`, {}, false);
  }

  /**
   * calendar_history of one local day (`kind=power`: 15-minute average powers from local midnight; `kind=energy`:
   * Wh per row). Energy-site data, so not priced (the spend meter counts priced requests only).
   */
  async calendarHistory(
    siteId: string,
    q: { kind: "power" | "energy"; startDate: string; endDate: string; timeZone: string },
  ): Promise<Record<string, unknown>> {
    return this.object(
      `/api/1/energy_sites/${encodeURIComponent(siteId)}/calendar_history`,
      { kind: q.kind, period: "day", start_date: q.startDate, end_date: q.endDate, time_zone: q.timeZone },
      false,
    );
  }

  /** vehicle_data (charge, drive and vehicle state); a sleeping or offline car → VehicleUnavailable (408). */
  async vehicleData(vehicleId: string): Promise<Record<string, unknown>> {
    return this.object(
      `/api/1/vehicles/${encodeURIComponent(vehicleId)}/vehicle_data`,
      { endpoints: "charge_state;drive_state;vehicle_state" },
      true,
    );
  }

  private async object(path: string, query: Record<string, string>, priced: boolean): Promise<Record<string, unknown>> {
    const raw = await this.get(path, query, priced);
    const parsed = objectSchema.safeParse(raw);
    if (!parsed.success) throw new VendorError("BAD_RESPONSE", `Tesla ${path} has no "response" object`);
    return parsed.data.response;
  }

  private async get(path: string, query: Record<string, string>, priced: boolean): Promise<unknown> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let res = await this.call(url, priced);
    if (res.status === 401) {
      await res.body?.cancel();
      await this.refresh(); // an expired or revoked access token: one refresh, one retry
      res = await this.call(url, priced);
      if (res.status === 401) {
        const again = await detail(res);
        throw new VendorError("SESSION_EXPIRED", `Tesla refused a freshly refreshed access token (${again})`, {
          status: 401,
        });
      }
    }
    if (res.status === 408) throw new VehicleUnavailable(await detail(res));
    if (res.status === 403) {
      const why = await detail(res);
      throw new VendorError("AUTH_FAILED", `Tesla refused access (${why}): connect Tesla again and allow data access`, {
        status: 403,
      });
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new VendorError("CONFIG", `Tesla product not found or not visible to this account (${res.where})`, {
        status: 404,
      });
    }
    if (res.status !== 200) {
      const why = await detail(res);
      throw new VendorError("HTTP_ERROR", `Tesla answered HTTP ${res.status} for ${res.where}: ${why}`, {
        status: res.status,
      });
    }
    return parseJsonText(await readBody(res), {
      vendor: VENDOR,
      where: res.where,
      redact: [this.tokens.accessToken],
    });
  }

  /** One API call: a priced one is counted first (RATE_LIMITED before the credit is exceeded), then sent. */
  private async call(url: URL, priced: boolean): Promise<VendorResponse> {
    if (priced) await this.o.spend?.reserve(this.tokens.grant, this.o.now);
    this.sent.push(url.pathname);
    return vendorFetch(url, {
      vendor: VENDOR,
      timeoutMs: this.o.timeoutMs,
      signal: this.o.signal,
      headers: { authorization: `Bearer ${this.tokens.accessToken}`, accept: "application/json" },
    });
  }
}

/** The `error` of a Fleet API error body, for messages; never echoes tokens. */
async function detail(res: VendorResponse): Promise<string> {
  const text = await readBody(res).catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    return String(body.error ?? body.message ?? `HTTP ${res.status}`).slice(0, 200);
  } catch {
    return `HTTP ${res.status}`;
  }
}
