/* Applies pending SQL migrations to DATABASE_URL (default: the local libSQL file). */
import { loadEnvConfig } from "@next/env";
loadEnvConfig(process.cwd());

async function main() {
  const { getEnv } = await import("../lib/env");
  const { openClient } = await import("../lib/db/client");
  const { migrate } = await import("../lib/db/migrate");
  const env = getEnv();
  const client = openClient(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  const { applied, skipped } = await migrate(client);
  console.log(
    `migrations: ${applied.length} applied${applied.length ? ` (${applied.join(", ")})` : ""}, ${skipped.length} already applied — ${env.DATABASE_URL.replace(/\?.*/, "")}`,
  );
  client.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
