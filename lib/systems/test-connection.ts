import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";
import { METRIC_UNITS, pathOfPoint, type MetricType } from "@/lib/points";
import { VendorError, type DiscoveredSite, type Reading, type VendorAdapter } from "@/lib/vendors/types";
import type { TestConnectionResponse, TestLatestValue } from "./contracts";

export interface ConnectionCheck {
  response: TestConnectionResponse;
  /** The tested site, with the info the vendor gave for it. */
  site: DiscoveredSite | null;
  /** Vendor session state from the test (e.g. cookies), worth keeping so the first poll need not log in again. */
  state: Record<string, unknown> | null | undefined;
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
    };
  } catch (err) {
    throw toApiError(adapter, err);
  } finally {
    clearTimeout(timer);
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
