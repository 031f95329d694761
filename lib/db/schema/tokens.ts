import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { systems } from "./systems";

/** A personal API token; only the secret's SHA-256 is stored (migrations/0020_api_tokens.sql). */
export const apiTokens = sqliteTable("api_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: text("user_id").notNull(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull(),
  prefix: text("prefix").notNull(),
  /** JSON array of scopes. */
  scopes: text("scopes").notNull(),
  /** JSON array of system ids, or null for every system the user may read. */
  systemIds: text("system_ids"),
  expiresAt: integer("expires_at").notNull(),
  lastUsedAt: integer("last_used_at"),
  revokedAt: integer("revoked_at"),
  createdAt: integer("created_at").notNull(),
});

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** A read-only link to one system's dashboard; only the secret's SHA-256 is stored. */
export const shareLinks = sqliteTable("share_links", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  systemId: integer("system_id")
    .notNull()
    .references(() => systems.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull(),
  prefix: text("prefix").notNull(),
  label: text("label").notNull(),
  createdBy: text("created_by").notNull(),
  expiresAt: integer("expires_at").notNull(),
  lastUsedAt: integer("last_used_at"),
  revokedAt: integer("revoked_at"),
  createdAt: integer("created_at").notNull(),
});

export type ShareLinkRow = typeof shareLinks.$inferSelect;

/** Rate-limit counters when Redis is not configured (lib/rate-limit). */
export const rateLimitCounters = sqliteTable("rate_limit_counters", {
  key: text("key").primaryKey(),
  windowEnd: integer("window_end").notNull(),
  count: integer("count").notNull(),
});
