import type { z } from "zod";
import type { MetricType, PointType } from "@/lib/points";
import type { System } from "@/lib/db/schema";

export type VendorType =
  "selectronic" | "enphase" | "fronius" | "amber" | "mondo" | "solaredge" | "tesla" | "composite";

/** What a vendor point is and means; used to create point_info lazily the first time it reports. */
export interface PointDefinition {
  originId: string;
  originSubId?: string;
  name: string;
  type: PointType | null;
  subtype?: string | null;
  extension?: string | null;
  metricType: MetricType;
  unit: string;
  /** `d`: a lifetime counter to differentiate; `i`: invert the sign. */
  transform?: "i" | "d" | null;
  subsystem?: string | null;
}

/** One measured value in canonical units (W, Wh, %, cents, ms UTC) and sign (battery + discharging, grid + import). */
export interface Reading {
  point: PointDefinition;
  measurementTimeMs: number;
  value: number | null;
  valueStr?: string | null;
  quality?: "good" | "error" | "estimated" | "interpolated";
}

/** A 5-minute value delivered by the vendor itself (Enphase, Amber): written straight to the 5-minute level. */
export interface IntervalReading {
  point: PointDefinition;
  /** End of the 5-minute interval `(end − 5 min, end]`, ms UTC. */
  intervalEndMs: number;
  avg?: number | null;
  min?: number | null;
  max?: number | null;
  last?: number | null;
  delta?: number | null;
  valueStr?: string | null;
  /** Vendor quality label (Amber: billable > actual > estimated > forecast). */
  quality?: string | null;
}

export interface FetchResult {
  readings: Reading[];
  intervals?: IntervalReading[];
  /** The vendor's raw response, stored on the session after secrets are scrubbed. */
  vendorResponse?: unknown;
  sessionLabel?: string | null;
  /** New vendor session state to persist encrypted (cookies, tokens); undefined keeps the old state. */
  state?: Record<string, unknown> | null;
}

export interface SystemInfo {
  model?: string | null;
  serial?: string | null;
  ratings?: string | null;
  solarSize?: string | null;
  batterySize?: string | null;
  timezone?: string | null;
  location?: { lat?: number; lng?: number; address?: string } | null;
}

export interface DiscoveredSite {
  vendorSiteId: string;
  name: string;
  info?: SystemInfo;
  /**
   * Devices of the account the user may attach to this site when adding it (an electric car charging at this
   * home): the chosen ids are kept in the system's `metadata.deviceIds` and the adapter polls only those.
   */
  devices?: DiscoveredDevice[];
}

/** A device that belongs to a site once chosen in setup (kind: what it is, e.g. "vehicle"). */
export interface DiscoveredDevice {
  id: string;
  name: string;
  kind: "vehicle";
}

export interface TestConnectionResult {
  sites: DiscoveredSite[];
  latest: Reading[];
  vendorResponse?: unknown;
  state?: Record<string, unknown> | null;
}

export interface CredentialField {
  name: string;
  label: string;
  type: "text" | "password" | "email";
  placeholder?: string;
  help?: string;
}

/** Everything an adapter call may need: the system, its decrypted credentials and state, and the clock. */
export interface AdapterContext<C = Record<string, unknown>> {
  system: Pick<System, "id" | "vendorType" | "vendorSiteId" | "displayTimezone" | "location" | "metadata">;
  credentials: C;
  state: Record<string, unknown> | null;
  now: Date;
  signal?: AbortSignal;
}

export interface VendorLimits {
  /** Concurrent calls per vendor (SolarEdge: 3). */
  concurrency?: number;
  perMinute?: number;
  perDay?: number;
  perMonth?: number;
}

/** A flow a vendor can report: the four energy flows, per-circuit metering, and tariff prices. */
export type VendorFlow = "solar" | "load" | "battery" | "grid" | "circuits" | "prices";

/**
 * What a vendor can do, declared by its adapter; code outside lib/vendors branches on these (and on `mode`),
 * never on a vendor's name.
 */
export interface VendorCapabilities {
  /** The flows its systems can report (a given site may report fewer). */
  flows: readonly VendorFlow[];
  /** Instantaneous power readings (W); false when it only delivers energy or prices per interval. */
  power: boolean;
  /** How it reports energy: lifetime counters (`d` transform), energy per interval, or none. */
  energy: "counter" | "interval" | "none";
  /**
   * How a system of this vendor is set up: a credentials form tested against the vendor, a sign-in at the
   * vendor (OAuth, `oauth` on the adapter), a push secret we issue, or points of the user's other systems.
   */
  setup: "credentials" | "oauth" | "push-secret" | "sources";
  /** Whether it has polling settings (schedule, last poll, "poll now"): true for every polled vendor. */
  polling: boolean;
}

/** Fields and behaviour every adapter has, whatever its mode. */
interface AdapterBase<C> {
  vendorType: VendorType;
  /** The vendor's display name: the one place a vendor's name is spelled for people. */
  displayName: string;
  description: string;
  capabilities: VendorCapabilities;
  credentialFields: CredentialField[];
  credentialsSchema: z.ZodType<C>;
  limits?: VendorLimits;
  /** How often new data normally arrives (default one minute): freshness is judged against it (hourly vendors). */
  dataIntervalMs?: number;
  /**
   * The longest normal spacing of its data points when longer than dataIntervalMs (a vendor polled every 30
   * minutes at night): charts join points up to this far apart instead of drawing a gap.
   */
  maxDataGapMs?: number;
  /**
   * How often new data normally arrives for this system at `now`, when it depends on the time of day (every 5
   * minutes in daylight, every 30 at night); default dataIntervalMs. Freshness marks use it.
   */
  dataIntervalAt?(system: AdapterContext<C>["system"], now: Date): number;
  testConnection?(
    ctx: Omit<AdapterContext<C>, "system"> & { system?: AdapterContext<C>["system"] },
  ): Promise<TestConnectionResult>;
}

/** A sign-in at the vendor (OAuth authorization code): the vendor half; lib/systems keeps the grant and adds systems. */
export interface OAuthCapability<C> {
  /** Names of the server settings this needs that are missing ([] when configured). */
  missingConfig(): string[];
  /** The vendor's authorize page for `state`, returning to `redirectUri`. */
  authorizeUrl(redirectUri: string, state: string): string;
  /** Exchanges the code for credentials to store and lists the account's sites (vendor errors as VendorError). */
  connect(code: string, redirectUri: string, now: Date): Promise<{ credentials: C; sites: DiscoveredSite[] }>;
}

/** The cron fetches: `isDue` says when, `fetchLatestData` fetches. */
export interface PollAdapter<C = Record<string, unknown>> extends AdapterBase<C> {
  mode: "poll";
  /** Whether the system is due at `now`, given the last poll attempt (ms) or null if never polled. */
  isDue(system: AdapterContext<C>["system"], lastPollMs: number | null, now: Date): boolean;
  fetchLatestData(ctx: AdapterContext<C>): Promise<FetchResult>;
  /** Present when `capabilities.setup` is "oauth". */
  oauth?: OAuthCapability<C>;
  /** Present when the vendor can give its past ("Import history from <date>", lib/backfill). */
  history?: HistoryCapability<C>;
}

/**
 * A vendor's history, read chunk by chunk by lib/backfill: `fetchHistory` returns the vendor intervals ending in
 * (fromMs, toMs] and is deterministic for a finished past, so a re-run writes the same rows.
 */
export interface HistoryCapability<C> {
  /** Where the chunk that starts at startMs ends (one local day, a month …) in the system's zone. */
  chunkEnd(startMs: number, zone: string): number;
  /** Vendor calls one chunk costs (counted against the daily budget). */
  callsPerChunk: number;
  /** Calls a day the backfill may spend, leaving the rest of the vendor's quota to polling. */
  callsPerDay: number;
  fetchHistory(ctx: AdapterContext<C>, fromMs: number, toMs: number): Promise<{ intervals: IntervalReading[] }>;
}

/** A validated push body: `test` checks the key, `store` carries readings (lib/polling/push does the rest). */
export type PushBody =
  | { apiKey: string; action: "test" }
  | ({ apiKey: string; action: "store"; timestamp: string; sequence?: string | number | null } & Record<
      string,
      unknown
    >);

/** The vendor half of a push: its body schema, its readings, and contradictions worth a warning. */
export interface PushCapability<B extends PushBody = PushBody> {
  schema: z.ZodType<B, z.ZodTypeDef, unknown>;
  toReadings(body: Extract<B, { action: "store" }>): Reading[];
  /** Contradictions in a store body (kept, but recorded with the session): short sentences, no values echoed. */
  warnings?(body: Extract<B, { action: "store" }>): string[];
}

/** The vendor posts to us with a per-system secret we issue; never polled. */
export interface PushAdapter<C = Record<string, unknown>> extends AdapterBase<C> {
  mode: "push";
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  push: PushCapability<any>;
}

/** Computed from other systems (a composite); never polled, no vendor. */
export interface VirtualAdapter<C = Record<string, unknown>> extends AdapterBase<C> {
  mode: "virtual";
}

/** An adapter, by mode: poll (the cron fetches), push (the vendor posts to us), virtual (computed from others). */
export type VendorAdapter<C = Record<string, unknown>> = PollAdapter<C> | PushAdapter<C> | VirtualAdapter<C>;
export type VendorMode = VendorAdapter["mode"];

export type VendorErrorCode =
  | "AUTH_FAILED"
  | "SESSION_EXPIRED"
  | "RATE_LIMITED"
  | "MAINTENANCE"
  | "TIMEOUT"
  | "NETWORK"
  | "HTTP_ERROR"
  | "BAD_RESPONSE"
  | "NO_DATA"
  | "CONFIG";

/** A vendor failure with a stable code, a message a person can act on, and an optional retry hint. */
const VENDOR_STATE = Symbol.for("solar.vendorState");

/**
 * Attaches the session state an adapter obtained before it failed (a fresh login, a looked-up time zone) to the
 * error, so the poller saves it and the next poll does not spend a login or a quota call on it again. Returns
 * the error, to be thrown; undefined state (nothing changed) attaches nothing.
 */
export function withVendorState(err: unknown, state: Record<string, unknown> | null | undefined): unknown {
  if (state !== undefined && err !== null && typeof err === "object" && !(VENDOR_STATE in err)) {
    Object.defineProperty(err, VENDOR_STATE, { value: state });
  }
  return err;
}

/**
 * Runs an adapter's step; if it throws, the state `state()` reports at that moment (a login that succeeded before
 * the data call failed) rides on the error (withVendorState), so the poller saves it.
 */
export async function keepingState<T>(
  state: () => Record<string, unknown> | null | undefined,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw withVendorState(err, state());
  }
}

/** The state withVendorState attached to a failure, or undefined. */
export function vendorStateOf(err: unknown): Record<string, unknown> | null | undefined {
  return err !== null && typeof err === "object" && VENDOR_STATE in err
    ? (err as { [VENDOR_STATE]: Record<string, unknown> | null })[VENDOR_STATE]
    : undefined;
}

export class VendorError extends Error {
  constructor(
    public readonly code: VendorErrorCode,
    message: string,
    public readonly options: { status?: number; retryAfterMs?: number; response?: unknown } = {},
  ) {
    super(message);
    this.name = "VendorError";
  }
}
