import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Directory of people who have signed in (Clerk ids in production, local ids in local mode). */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  username: text("username"),
  email: text("email"),
  displayName: text("display_name").notNull(),
  isPlatformAdmin: integer("is_platform_admin", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
