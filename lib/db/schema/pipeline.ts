import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { systems } from "./systems";

/**
 * Per system, the end of the newest 5-minute interval already aggregated from raw readings; readings after it
 * belong to the interval in progress (migrations/0007_interval_close.sql).
 */
export const aggregationState = sqliteTable("aggregation_state", {
  systemId: integer("system_id")
    .primaryKey()
    .references(() => systems.id, { onDelete: "cascade" }),
  fiveMinuteThrough: integer("five_minute_through").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** A local day of a system whose daily aggregate is missing or stale (see migrations/0002_pipeline.sql). */
export const dailyPending = sqliteTable(
  "daily_pending",
  {
    systemId: integer("system_id")
      .notNull()
      .references(() => systems.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    /** Bumped on every re-mark so the catch-up only clears marks it has seen. */
    version: integer("version").notNull().default(1),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.day] })],
);
