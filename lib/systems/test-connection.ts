import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";
import { finishSessionOnly, startSessionMerged } from "@/lib/polling/store";
import { responseForSession } from "@/lib/polling/scrub";
import { METRIC_UNITS, pathOfPoint, type MetricType } from "@/lib/points";
import { VendorError, type DiscoveredSite, type Reading, type VendorAdapter } from "@/lib/vendors/types";
import type { TestConnectionResponse, TestLatestValue } from "./contracts";

export interface ConnectionCheck {
  response: TestConnectionResponse;
  /** The tested site, with the info the vendor gave for it. */
  site: DiscoveredSite | null;
  /** Vendor session state from the test (e.g. cookies), worth keeping so the first poll need not log in again. */
  state: Record<string, unknown> | null | undefined;
  /** When the test started and how long it took (ms), and what the vendor answered (for its session). */
  startedMs: number;
  durationMs: number;
  vendorResponse: unknown;
}

/**
 * Runs an adapter's connection test with a time limit and turns the outcome into the API shape: discovered sites,
 * the latest values in display form, and the tested site's info. Vendor failures become ApiErrors; nothing is stored.
 */
export async function checkConnection(
  adapter: VendorAdapter,
  credentials: Record<string, unknown>,
  vendorSiteId?: string,
  now = new Date(),
): Promise<ConnectionCheck> {
  if (!adapter.testConnection) {
    throw new ApiError("BAD_REQUEST", `${adapter.displayName} cannot be tested before it sends its first data`);
  }
  const timeoutMs = getEnv().VENDOR_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new VendorError("TIMEOUT", `${adapter.displayName} did not answer within ${timeoutMs / 1000} s`);
      controller.abort(err);
      reject(err);
    }, timeoutMs);
  });
  const system = vendorSiteId
    ? {
        id: 0,
        vendorType: adapter.vendorType,
        vendorSiteId,
        displayTimezone: "UTC",
        location: null,
        metadata: null,
      }
    : undefined;
  const startedMs = Date.now();
  const t0 = performance.now();
  try {
    const result = await Promise.race([
      adapter.testConnection({ credentials, state: null, now, signal: controller.signal, system }),
      timeout,
    ]);
    const site = result.sites.find((s) => s.vendorSiteId === vendorSiteId) ?? result.sites[0] ?? null;
    return {
      response: {
        sites: result.sites.map((s) => ({ vendorSiteId: s.vendorSiteId, name: s.name, info: s.info })),
        testedSiteId: site?.vendorSiteId ?? null,
        latest: result.latest.map(toLatestValue).sort(byPath),
        systemInfo: site?.info ?? null,
      },
      site,
      state: result.state,
      startedMs,
      durationMs: performance.now() - t0,
      vendorResponse: result.vendorResponse ?? { sites: result.sites.map((s) => s.vendorSiteId) },
    };
  } catch (err) {
    throw toApiError(adapter, err);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Leaves the session of a setup-time connection test on the system it created (cause USER, "connection test"), so
 * the system's session log starts with the check that let it in. A failed test has no system to log it on; a
 * failure to write the session is logged and never undoes the create.
 */
export async function recordSetupTest(systemId: number, vendorType: string, check: ConnectionCheck): Promise<void> {
  try {
    const sessionId = await startSessionMerged({ systemId, vendorType, cause: "USER", startedMs: check.startedMs });
    await finishSessionOnly(sessionId, {
      durationMs: check.durationMs,
      successful: true,
      numRows: 0,
      response: responseForSession(check.vendorResponse),
      sessionLabel: "connection test",
    });
  } catch (err) {
    console.warn(
      JSON.stringify({ level: "warn", message: "setup test session not written", systemId, error: errName(err) }),
    );
  }
}

/** A reading as the dashboard would show it: `i` points inverted, unit defaulted from the metric. */
export function toLatestValue(r: Reading): TestLatestValue {
  const p = r.point;
  const sign = p.transform === "i" ? -1 : 1;
  return {
    path: pathOfPoint({
      type: p.type,
      subtype: p.subtype ?? null,
      extension: p.extension ?? null,
      metricType: p.metricType,
    }),
    displayName: p.name,
    unit: p.unit || METRIC_UNITS[p.metricType as MetricType] || "",
    value: r.value === null || r.quality === "error" ? null : sign * r.value,
    valueStr: r.valueStr ?? null,
    measurementTimeMs: r.measurementTimeMs,
  };
}

const byPath = (a: TestLatestValue, b: TestLatestValue) =>
  (a.path ?? "~").localeCompare(b.path ?? "~") || a.displayName.localeCompare(b.displayName);

/** Maps a vendor failure to a response: bad credentials or setup → 400, vendor throttling → 429, the rest → 502. */
export function toApiError(adapter: VendorAdapter, err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof VendorError) {
    const details = { vendorCode: err.code, retryAfterMs: err.options.retryAfterMs };
    if (err.code === "AUTH_FAILED" || err.code === "CONFIG") return new ApiError("BAD_REQUEST", err.message, details);
    if (err.code === "RATE_LIMITED") return new ApiError("RATE_LIMITED", err.message, details);
    return new ApiError("VENDOR_ERROR", err.message, details);
  }
  if (err instanceof Error && err.name === "AbortError") {
    return new ApiError("VENDOR_ERROR", `${adapter.displayName} did not answer in time`, { vendorCode: "TIMEOUT" });
  }
  // Unknown failures may carry request details: log the class only, answer with a fixed message.
  console.warn(
    JSON.stringify({
      level: "warn",
      message: "test connection failed",
      vendorType: adapter.vendorType,
      error: errName(err),
    }),
  );
  return new ApiError("VENDOR_ERROR", `Could not reach ${adapter.displayName}; try again in a minute`, {
    vendorCode: "NETWORK",
  });
}

const errName = (err: unknown) => (err instanceof Error ? err.name : typeof err);
