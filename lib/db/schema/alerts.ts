import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Per-person alert preferences (migration 0016): quiet hours as minutes of the local day in `timezone`. The other
 * alert tables (0013) are read and written by lib/alerts' stores in SQL.
 */
export const alertUserSettings = sqliteTable("alert_user_settings", {
  userId: text("user_id").primaryKey(),
  quietStartMin: integer("quiet_start_min"),
  quietEndMin: integer("quiet_end_min"),
  timezone: text("timezone").notNull().default("UTC"),
  updatedAt: integer("updated_at").notNull(),
});
