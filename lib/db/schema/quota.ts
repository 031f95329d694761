import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export type QuotaPeriod = "minute" | "day" | "month";

/** Vendor API calls per account and window (see migrations/0005_vendor_quota.sql). */
export const vendorQuota = sqliteTable(
  "vendor_quota",
  {
    vendor: text("vendor").notNull(),
    /** A hash of the API key / client id, or a public site id: never a secret. */
    accountKey: text("account_key").notNull(),
    period: text("period").$type<QuotaPeriod>().notNull(),
    periodStart: integer("period_start").notNull(),
    calls: integer("calls").notNull().default(0),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.vendor, t.accountKey, t.period, t.periodStart] })],
);

/** An OAuth grant waiting for the user to choose systems: payload is encrypted, bound to user_id. */
export const oauthPending = sqliteTable(
  "oauth_pending",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    vendor: text("vendor").notNull(),
    payload: text("payload").notNull(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("oauth_pending_expires_idx").on(t.expiresAt)],
);
