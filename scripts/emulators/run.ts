/**
 * Runs the vendor emulators: `npm run emulators -- [--port 3300] [--latency 0]` (EMULATOR_PORT also sets the port).
 * Prints each vendor's base URL and the demo accounts; stops on SIGINT/SIGTERM.
 */
import { startEmulators } from "./server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const port = Number(arg("port") ?? process.env.EMULATOR_PORT ?? 3300);
  const latencyMs = Number(arg("latency") ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${port}`);
  const running = await startEmulators({ port, latencyMs });
  console.log(`Vendor emulators listening on ${running.url} (control API at ${running.url}/__control/)`);
  for (const [vendor, url] of Object.entries(running.urls)) {
    console.log(`  ${vendor}: ${url}`);
    for (const line of running.control.emulator(vendor)?.describe?.() ?? []) console.log(`    ${line}`);
  }
  console.log(`Set SELECTRONIC_BASE_URL=${running.urls.selectronic} to point the app at the emulator.`);
  const stop = (signal: string) => {
    console.log(`\n${signal}: stopping emulators`);
    running.close().then(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
