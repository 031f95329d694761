import type { z } from "zod";
import type { MetricType, PointType } from "@/lib/points";
import type { System } from "@/lib/db/schema";

export type VendorType = "selectronic" | "enphase" | "fronius" | "amber" | "mondo" | "solaredge" | "composite";

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

export interface VendorAdapter<C = Record<string, unknown>> {
  vendorType: VendorType;
  displayName: string;
  description: string;
  /** poll: the cron fetches; push: the vendor posts to us; virtual: computed from other systems. */
  mode: "poll" | "push" | "virtual";
  supportsOAuth: boolean;
  credentialFields: CredentialField[];
  credentialsSchema: z.ZodType<C>;
  limits?: VendorLimits;
  /** How often new data normally arrives (default one minute): freshness is judged against it (Enphase: hourly). */
  dataIntervalMs?: number;
  /**
   * The longest normal spacing of its data points when longer than dataIntervalMs (SolarEdge: every 30 minutes at
   * night): charts join points up to this far apart instead of drawing a gap.
   */
  maxDataGapMs?: number;
  /**
   * How often new data normally arrives for this system at `now`, when it depends on the time of day (SolarEdge:
   * every 5 minutes in daylight, every 30 at night); default dataIntervalMs. Freshness marks use it.
   */
  dataIntervalAt?(system: AdapterContext<C>["system"], now: Date): number;
  /** Whether the system is due at `now`, given the last poll attempt (ms) or null if never polled. */
  isDue(system: AdapterContext<C>["system"], lastPollMs: number | null, now: Date): boolean;
  fetchLatestData?(ctx: AdapterContext<C>): Promise<FetchResult>;
  testConnection?(
    ctx: Omit<AdapterContext<C>, "system"> & { system?: AdapterContext<C>["system"] },
  ): Promise<TestConnectionResult>;
}

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
