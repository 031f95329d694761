import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { systems } from "./systems";

export type SystemRole = "owner" | "admin" | "viewer";

export const userSystems = sqliteTable("user_systems", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: text("user_id").notNull(),
  systemId: integer("system_id")
    .notNull()
    .references(() => systems.id, { onDelete: "cascade" }),
  role: text("role").$type<SystemRole>().notNull().default("viewer"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const vendorCredentials = sqliteTable("vendor_credentials", {
  systemId: integer("system_id")
    .primaryKey()
    .references(() => systems.id, { onDelete: "cascade" }),
  ownerUserId: text("owner_user_id").notNull(),
  /** AES-256-GCM ciphertext of the credentials the user gave (lib/crypto). */
  credentials: text("credentials").notNull(),
  /** AES-256-GCM ciphertext of vendor session state (cookies, tokens), or null. */
  state: text("state"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
