import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Directory of people who have signed in (Clerk ids in production, local ids in local mode). */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  username: text("username"),
  email: text("email"),
  displayName: text("display_name").notNull(),
  isPlatformAdmin: integer("is_platform_admin", { mode: "boolean" }).notNull().default(false),
  /** When a platform admin disabled the account (every request is then refused as signed out); null: enabled. */
  disabledAt: integer("disabled_at"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** Local sign-in sessions (migration 0021): the cookie carries the id, the table only its SHA-256. */
export const authSessions = sqliteTable("auth_sessions", {
  idHash: text("id_hash").primaryKey(),
  userId: text("user_id").notNull(),
  createdAt: integer("created_at").notNull(),
  lastSeenAt: integer("last_seen_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

export type AdminAuditAction = "grant-admin" | "revoke-admin" | "disable" | "enable";

/** What platform admins changed about users: who, what, whom, when (migration 0021). */
export const adminAuditLog = sqliteTable("admin_audit_log", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  actorUserId: text("actor_user_id").notNull(),
  action: text("action").$type<AdminAuditAction>().notNull(),
  targetUserId: text("target_user_id").notNull(),
  detail: text("detail"),
  createdAt: integer("created_at").notNull(),
});
