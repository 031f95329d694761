import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export type SystemStatus = "active" | "disabled" | "removed";

export const systems = sqliteTable("systems", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  ownerUserId: text("owner_user_id").notNull(),
  vendorType: text("vendor_type").notNull(),
  vendorSiteId: text("vendor_site_id").notNull(),
  status: text("status").$type<SystemStatus>().notNull().default("active"),
  displayName: text("display_name").notNull(),
  alias: text("alias"),
  model: text("model"),
  serial: text("serial"),
  ratings: text("ratings"),
  solarSize: text("solar_size"),
  batterySize: text("battery_size"),
  location: text("location", { mode: "json" }).$type<SystemLocation | null>(),
  metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown> | null>(),
  timezoneOffsetMin: integer("timezone_offset_min").notNull(),
  displayTimezone: text("display_timezone").notNull(),
  /** Grid region for emission factors (lib/carbon CARBON_REGIONS); null = automatic. Migration 0017. */
  carbonRegion: text("carbon_region"),
  isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export interface SystemLocation {
  lat?: number;
  lng?: number;
  address?: string;
}

export type System = typeof systems.$inferSelect;
export type NewSystem = typeof systems.$inferInsert;

export const pollingStatus = sqliteTable("polling_status", {
  systemId: integer("system_id")
    .primaryKey()
    .references(() => systems.id, { onDelete: "cascade" }),
  lastPollTime: integer("last_poll_time"),
  lastSuccessTime: integer("last_success_time"),
  lastErrorTime: integer("last_error_time"),
  lastError: text("last_error"),
  lastErrorCode: text("last_error_code"),
  lastResponse: text("last_response"),
  consecutiveErrors: integer("consecutive_errors").notNull().default(0),
  totalPolls: integer("total_polls").notNull().default(0),
  successfulPolls: integer("successful_polls").notNull().default(0),
  nextPollAt: integer("next_poll_at"),
  leaseOwner: text("lease_owner"),
  leaseUntil: integer("lease_until"),
  updatedAt: integer("updated_at").notNull(),
});

export type PollingStatus = typeof pollingStatus.$inferSelect;
