/* `npm run dev`: next dev on the local database with the emulators and the local cron runner. */
import { stackConfig } from "./demo/config";
import { startStack } from "./demo/stack";

async function main() {
  const config = stackConfig("dev");
  const stack = await startStack(config, { next: "dev", cron: true });
  console.log(
    `\nDevelopment server on ${config.appUrl} (sign in as owner, viewer or admin). Ctrl-C stops everything.\n`,
  );
  const shutdown = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error(`dev failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
