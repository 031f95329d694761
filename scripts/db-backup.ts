/* `npm run db:backup [-- <file>]`: a consistent copy of DATABASE_URL (local file or Turso) while the app runs. */
import { loadEnvConfig } from "@next/env";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
loadEnvConfig(process.cwd());

async function main() {
  const { getEnv } = await import("../lib/env");
  const { openClient } = await import("../lib/db/client");
  const { backupDatabase } = await import("../lib/db/backup");
  const env = getEnv();
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
  const file = resolve(process.argv[2] ?? `backups/backup-${stamp}.db`);
  mkdirSync(dirname(file), { recursive: true });
  const client = openClient(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  const manifest = await backupDatabase(client, env.DATABASE_URL, file);
  client.close();
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
  console.log(
    `backup: ${file} (${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.migrations.length} migrations) and ${file}.manifest.json`,
  );
}

main().catch((err) => {
  console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
