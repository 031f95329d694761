/*
 * `npm run db:restore -- <file> [--yes]`: checks a backup (integrity, every table's rows against its manifest, not
 * from a newer schema) and, with --yes, replaces DATABASE_URL's data with it. Stop the app first for a local file.
 */
import { loadEnvConfig } from "@next/env";
import { resolve } from "node:path";
loadEnvConfig(process.cwd());

async function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) throw new Error("usage: npm run db:restore -- <backup file> [--yes]");
  const { getEnv } = await import("../lib/env");
  const { openClient } = await import("../lib/db/client");
  const { restoreDatabase, verifyBackup } = await import("../lib/db/backup");
  const env = getEnv();
  const manifest = await verifyBackup(resolve(file));
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
  console.log(`backup ${file} is sound: ${Object.keys(manifest.tables).length} tables, ${rows} rows`);
  if (!args.includes("--yes")) {
    console.log(`add --yes to replace the data of ${env.DATABASE_URL.replace(/\?.*/, "")} with it`);
    return;
  }
  const client = env.DATABASE_URL.startsWith("file:")
    ? undefined
    : openClient(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  await restoreDatabase({ url: env.DATABASE_URL, client }, resolve(file));
  client?.close();
  console.log(`restored ${env.DATABASE_URL.replace(/\?.*/, "")} from ${file}; every table checked against the backup`);
}

main().catch((err) => {
  console.error(`restore refused: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
