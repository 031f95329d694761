import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export type BackfillStatus = "running" | "waiting" | "done" | "cancelled" | "failed";

/** One vendor history import per system (migrations/0019_backfill.sql, lib/backfill). */
export const backfillJobs = sqliteTable(
  "backfill_jobs",
  {
    systemId: integer("system_id").primaryKey(),
    status: text("status").$type<BackfillStatus>().notNull(),
    fromMs: integer("from_ms").notNull(),
    toMs: integer("to_ms").notNull(),
    cursorMs: integer("cursor_ms").notNull(),
    callsMade: integer("calls_made").notNull().default(0),
    callsToday: integer("calls_today").notNull().default(0),
    callsDay: integer("calls_day").notNull().default(0),
    rowsWritten: integer("rows_written").notNull().default(0),
    nextRunMs: integer("next_run_ms").notNull(),
    lastError: text("last_error"),
    leaseUntil: integer("lease_until"),
    requestedBy: text("requested_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("backfill_jobs_due").on(t.status, t.nextRunMs)],
);

export type BackfillJobRow = typeof backfillJobs.$inferSelect;
