import type { ChildProcess } from "node:child_process";
import type { StackConfig } from "./config";
import { stackEnv } from "./config";
import { backfill } from "./backfill";
import { ensureBuild, startNext, stopChild } from "./next-server";
import { startCronRunner } from "../lib/cron-runner";

export interface RunningStack {
  config: StackConfig;
  systemIds: number[];
  stop: () => Promise<void>;
}

/**
 * Brings up a local stack on embedded defaults: migrate the libSQL file, seed demo users and systems, start the
 * vendor emulators, backfill history through the real pipeline, start Next and the local cron runner.
 */
export async function startStack(
  config: StackConfig,
  options: { next: "start" | "dev"; cron: boolean; quiet?: boolean },
): Promise<RunningStack> {
  const env = stackEnv(config);
  // This process runs the pipeline itself (seed, backfill): give it the same configuration as the Next child.
  Object.assign(process.env, env);
  const { resetEnv } = await import("../../lib/env");
  resetEnv();
  const { getDb, closeDb } = await import("../../lib/db/client");
  const { migrate } = await import("../../lib/db/migrate");
  const { seedDemo } = await import("./seed");
  const { startEmulators } = await import("../emulators/server");
  const { pollSystem } = await import("../../lib/polling");
  const { catchUpDaily } = await import("../../lib/aggregation");

  const log = (line: string) => !options.quiet && console.log(line);
  const db = getDb();
  const migrated = await migrate(db.$client);
  log(`• database ${config.databaseUrl} (${migrated.applied.length} migrations applied)`);
  const systemIds = await seedDemo(db);
  log(`• demo users and ${systemIds.length} systems ready`);

  const emulators = await startEmulators({ port: config.emulatorPort });
  log(`• vendor emulators on ${emulators.url}`);

  let next: ChildProcess | undefined;
  let cron: { stop: () => void } | undefined;
  const stop = async () => {
    cron?.stop();
    await stopChild(next);
    await emulators.close();
    closeDb();
  };
  try {
    log(`• backfilling ${config.backfillDays} days of history through the real pipeline…`);
    const filled = await backfill({
      db,
      systemIds,
      days: config.backfillDays,
      setClock: (t) => emulators.control.setClock(t),
      pollAt: (id, now) => pollSystem(id, { now, cause: "ADMIN", force: true }),
      quiet: options.quiet,
    });
    const daily = await catchUpDaily({ now: new Date() });
    log(`• ${filled.polls} polls stored; daily aggregates: ${JSON.stringify(daily)}`);

    if (options.next === "start") ensureBuild(env);
    next = await startNext(options.next, config.appPort, env, options.quiet);
    if (options.cron)
      cron = startCronRunner({
        baseUrl: config.appUrl,
        secret: config.secrets.cronSecret,
        log: (l) => log(`[cron] ${l}`),
      });
  } catch (err) {
    await stop();
    throw err;
  }
  return { config, systemIds, stop };
}
