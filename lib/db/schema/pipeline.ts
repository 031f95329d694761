import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { systems } from "./systems";

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
