/* `npm run demo`: the whole product on embedded defaults, with demo data flowing through the real pipeline. */
import { stackConfig } from "./demo/config";
import { startStack } from "./demo/stack";

async function main() {
  const config = stackConfig("demo");
  console.log("Solar Monitor demo — no accounts, no internet needed.\n");
  const stack = await startStack(config, { next: "start", cron: true });
  console.log(`
  ┌────────────────────────────────────────────────────────────────────┐
    Open ${config.appUrl}
    Sign in with one of the demo users (no password in local mode):
      • owner  — the homeowner, owns the demo systems
      • viewer — can see the "Home" system, cannot change it
      • admin  — platform admin, sees everything
    The cron runner polls the emulated vendors every minute.
    Press Ctrl-C to stop everything this command started.
  └────────────────────────────────────────────────────────────────────┘
`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the app, the cron runner and the emulators…");
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
