import { defineConfig } from "drizzle-kit";

// Migrations are hand-reviewed SQL in migrations/ applied by scripts/migrate.ts; drizzle-kit is only used
// for `drizzle-kit studio` and to diff the TypeScript schema against the database.
export default defineConfig({
  dialect: "turso",
  schema: "./lib/db/schema/index.ts",
  out: "./migrations/drizzle",
  dbCredentials: {
    url: process.env.DATABASE_URL ?? "file:data/local.db",
    authToken: process.env.DATABASE_AUTH_TOKEN,
  },
});
