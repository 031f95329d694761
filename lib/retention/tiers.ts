import { getEnv, type Env } from "@/lib/env";

/**
 * The data's levels, finest first. Each coarser level is reduced from the 5-minute rows, so a tier's rows are only
 * removed once every level reduced from them is stored (lib/retention/store.ts spells out the checks per tier).
 */
export const TIERS = ["raw", "5m", "30m", "daily", "accounts"] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Record<Tier, string> = {
  raw: "Raw readings",
  "5m": "5-minute",
  "30m": "30-minute",
  daily: "Daily",
  accounts: "Daily energy accounts",
};

/** Days each tier keeps (null: for ever), from the environment (lib/env.ts; defaults raw 90, 5-minute 730). */
export type Retention = Record<Tier, number | null>;

export function retentionFromEnv(env: Env = getEnv()): Retention {
  return {
    raw: env.RAW_RETENTION_DAYS,
    "5m": env.RETENTION_5M_DAYS,
    "30m": env.RETENTION_30M_DAYS,
    daily: env.RETENTION_DAILY_DAYS,
    accounts: env.RETENTION_ACCOUNTS_DAYS,
  };
}

export type ColumnType = "INT32" | "INT64" | "DOUBLE" | "STRING";
export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

const c = (name: string, type: ColumnType): ColumnSpec => ({ name, type });
const VALUES = ["avg", "min", "max", "last", "delta"].map((n) => c(n, "DOUBLE"));
const COUNTS = [c("sample_count", "INT32"), c("error_count", "INT32")];

/**
 * The columns an archive file and an export of each tier carry, in order, named as in the database (raw readings
 * unpacked to one row per reading, as the point_readings view shows them). Times are ms UTC, days local.
 */
export const TIER_COLUMNS: Record<Tier, ColumnSpec[]> = {
  raw: [
    c("system_id", "INT32"),
    c("point_id", "INT32"),
    c("measurement_time", "INT64"),
    c("value", "DOUBLE"),
    c("value_str", "STRING"),
    c("data_quality", "INT32"),
    c("session_id", "INT64"),
  ],
  "5m": [
    c("system_id", "INT32"),
    c("point_id", "INT32"),
    c("interval_end", "INT64"),
    ...VALUES,
    c("value_str", "STRING"),
    ...COUNTS,
    c("data_quality", "STRING"),
    c("session_id", "INT64"),
    c("created_at", "INT64"),
    c("updated_at", "INT64"),
  ],
  "30m": [
    c("system_id", "INT32"),
    c("point_id", "INT32"),
    c("interval_end", "INT64"),
    ...VALUES,
    ...COUNTS,
    c("interval_count", "INT32"),
    c("updated_at", "INT64"),
  ],
  daily: [
    c("system_id", "INT32"),
    c("point_id", "INT32"),
    c("day", "STRING"),
    ...VALUES,
    ...COUNTS,
    c("interval_count", "INT32"),
    c("created_at", "INT64"),
    c("updated_at", "INT64"),
  ],
  accounts: [
    c("system_id", "INT32"),
    c("day", "STRING"),
    c("start_ms", "INT64"),
    c("end_ms", "INT64"),
    ...[
      "solar_wh",
      "load_wh",
      "battery_charge_wh",
      "battery_discharge_wh",
      "grid_import_wh",
      "grid_export_wh",
      "solar_to_home_wh",
      "solar_to_battery_wh",
      "solar_to_grid_wh",
      "battery_to_home_wh",
      "battery_to_grid_wh",
      "grid_to_home_wh",
      "grid_to_battery_wh",
      "self_consumption_pct",
      "self_sufficiency_pct",
    ].map((n) => c(n, "DOUBLE")),
    c("provenance", "STRING"),
    c("intervals", "INT32"),
    c("with_data", "INT32"),
    c("complete", "INT32"),
    c("totals", "STRING"),
    c("computed_at", "INT64"),
  ],
};

/** The columns that identify a row of a tier within one system's archive file. */
export const TIER_KEY: Record<Tier, string[]> = {
  raw: ["point_id", "measurement_time"],
  "5m": ["point_id", "interval_end"],
  "30m": ["point_id", "interval_end"],
  daily: ["point_id", "day"],
  accounts: ["day"],
};

/** A row of a tier as read from the database or an archive file: column name → value. */
export type TierRow = Record<string, number | string | null>;
