/**
 * Response shapes shared by route handlers and client components (types only: safe to import anywhere).
 */

export interface LatestPoint {
  pointId: number;
  /** `type[.subtype[.extension]]/metric`, or null for a point not yet classified. */
  path: string | null;
  displayName: string;
  unit: string;
  value: number | null;
  valueStr: string | null;
  measurementTimeMs: number;
  receivedTimeMs: number;
}

/** GET /api/data/latest?systemId= */
export interface LatestResponse {
  systemId: number;
  /** Where the values came from: the KV cache or the database fallback. */
  source: "kv" | "db";
  /** Newest measurement time across the points, or null if the system has reported nothing yet. */
  lastUpdateMs: number | null;
  points: LatestPoint[];
  /**
   * How often new data normally arrives for this system now (ms; GET /api/data/latest only): a vendor polled less
   * often at night answers with its night cadence, so the freshness mark is judged against it.
   */
  dataIntervalMs?: number;
}

export type HistoryAggregation = "raw" | "5m" | "30m" | "daily";

export interface HistorySeries {
  systemId: number;
  pointId: number;
  path: string | null;
  displayName: string;
  unit: string;
  /** Which stored field the values are: averages for power-like points, deltas (energy per step) for `d` points. */
  field: "avg" | "delta" | "last" | "value";
  /** [timeMs, value] pairs; time is the interval END for 5m and 30m, the local day start (ms UTC) for daily. */
  data: Array<[number, number | null]>;
}

/** GET /api/data/historical?systemIds=&pointKeys=&range= */
export interface HistoryResponse {
  aggregation: HistoryAggregation;
  startMs: number;
  endMs: number;
  series: HistorySeries[];
}

export interface SystemSummary {
  id: number;
  displayName: string;
  alias: string | null;
  vendorType: string;
  status: "active" | "disabled" | "removed";
  displayTimezone: string;
  isDefault: boolean;
  role: "owner" | "admin" | "viewer" | "platform-admin";
  lastSuccessMs: number | null;
  /** How often new data normally arrives (ms; absent = one minute): freshness marks are judged against it. */
  dataIntervalMs?: number;
  /** The longest normal spacing of its data points (ms; absent = dataIntervalMs): charts bridge gaps up to it. */
  maxDataGapMs?: number;
}
