import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { systems } from "./systems";

export type SessionCause = "CRON" | "ADMIN" | "USER" | "PUSH";

/** One communication with a vendor (poll, push, connection test), successful or not. */
export const sessions = sqliteTable("sessions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  sessionLabel: text("session_label"),
  systemId: integer("system_id")
    .notNull()
    .references(() => systems.id, { onDelete: "cascade" }),
  vendorType: text("vendor_type").notNull(),
  cause: text("cause").$type<SessionCause>().notNull(),
  started: integer("started").notNull(),
  duration: integer("duration").notNull(),
  successful: integer("successful", { mode: "boolean" }),
  errorCode: text("error_code"),
  error: text("error"),
  response: text("response"),
  numRows: integer("num_rows").notNull().default(0),
  createdAt: integer("created_at").notNull(),
});

export type Session = typeof sessions.$inferSelect;
