import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { systems } from "./systems";

export type InvitationRole = "admin" | "viewer";
export type InvitationStatus = "pending" | "accepted" | "declined" | "revoked";

/** An owner's offer of access to one system; only the token's SHA-256 is stored (migrations/0003_access.sql). */
export const invitations = sqliteTable("invitations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  systemId: integer("system_id")
    .notNull()
    .references(() => systems.id, { onDelete: "cascade" }),
  role: text("role").$type<InvitationRole>().notNull(),
  invitedBy: text("invited_by").notNull(),
  inviteeUserId: text("invitee_user_id"),
  inviteeEmail: text("invitee_email"),
  tokenHash: text("token_hash").notNull(),
  status: text("status").$type<InvitationStatus>().notNull().default("pending"),
  expiresAt: integer("expires_at").notNull(),
  respondedAt: integer("responded_at"),
  respondedBy: text("responded_by"),
  createdAt: integer("created_at").notNull(),
});

export type Invitation = typeof invitations.$inferSelect;
