/* Local stand-in for Vercel Cron: fires the schedules in vercel.json at APP_URL with CRON_SECRET. */
import { loadEnvConfig } from "@next/env";
import { startCronRunner } from "./lib/cron-runner";

loadEnvConfig(process.cwd());
const baseUrl = process.env.APP_URL ?? "http://localhost:3000";
const secret = process.env.CRON_SECRET ?? "local-dev-cron-secret";
const { jobs, stop } = startCronRunner({ baseUrl, secret });
console.log(`[cron] firing ${jobs.map((j) => `${j.path} (${j.schedule})`).join(", ")} at ${baseUrl}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stop();
    process.exit(0);
  });
}
