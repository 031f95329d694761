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
  const { seedDemo, seedDemoComposite, DEMO_FRONIUS_SITE } = await import("./seed");
  const { startEmulators } = await import("../emulators/server");
  const { froniusPushBody, startFroniusPusher } = await import("../emulators/fronius-pusher");
  const { DEMO_SITES, simulator } = await import("../emulators/sim");
  const { pollDueSystems } = await import("../../lib/polling");
  const { catchUpDaily } = await import("../../lib/aggregation");
  const { accountsAndCostsAfterDaily } = await import("../../lib/costs/job");
  const { receivePush, rotatePushKey } = await import("../../lib/polling/push");
  const { froniusAdapter } = await import("../../lib/vendors/fronius");

  const log = (line: string) => !options.quiet && console.log(line);
  const db = getDb();
  const migrated = await migrate(db.$client);
  log(`• database ${config.databaseUrl} (${migrated.applied.length} migrations applied)`);
  const seeded = await seedDemo(db);
  const systemIds = seeded.ids;
  log(`• demo users and ${systemIds.length} systems ready (${Object.keys(seeded.byVendor).join(", ")})`);
  // The push secret is stored hashed only: the demo issues a fresh one for its logger stand-in at every start.
  const froniusId = seeded.byVendor.fronius;
  const froniusKey = froniusId ? (await rotatePushKey(froniusId, froniusAdapter.vendorType))?.secret : undefined;

  const emulators = await startEmulators({ port: config.emulatorPort });
  log(`• vendor emulators on ${emulators.url}`);

  let next: ChildProcess | undefined;
  let cron: { stop: () => void } | undefined;
  let pusher: { stop: () => Promise<void> } | undefined;
  const stop = async () => {
    cron?.stop();
    await pusher?.stop();
    await stopChild(next);
    await emulators.close();
    closeDb();
  };
  try {
    log(`• backfilling ${config.backfillDays} days of history through the real pipeline…`);
    const polled = systemIds.filter((id) => id !== froniusId);
    let sequence = 0;
    const filled = await backfill({
      db,
      systemIds,
      days: config.backfillDays,
      setClock: (t) => emulators.control.setClock(t),
      pollDueAt: (now) => pollDueSystems({ now, systemIds: polled, cause: "ADMIN", quiet: true }),
      pushSystemId: froniusId ?? undefined,
      pushAt: froniusKey
        ? async (now) => {
            const body = froniusPushBody(
              simulator,
              DEMO_SITES[DEMO_FRONIUS_SITE],
              now.getTime(),
              froniusKey,
              ++sequence,
            );
            await receivePush(froniusAdapter, froniusAdapter.push.schema.parse(body), { now });
            return 1;
          }
        : undefined,
      quiet: options.quiet,
    });
    const daily = await catchUpDaily({ now: new Date(), afterDaily: accountsAndCostsAfterDaily });
    const compositeId = await seedDemoComposite(db, seeded.byVendor);
    if (compositeId && !systemIds.includes(compositeId)) systemIds.push(compositeId);
    log(
      `• ${filled.minutes} minutes replayed: ${filled.polls} polls, ${filled.pushes} pushes; ` +
        `daily aggregates for ${daily.days} system-days; composite "Whole home" ${compositeId ? "ready" : "skipped"}`,
    );

    if (options.next === "start") ensureBuild(env);
    next = await startNext(options.next, config.appPort, env, options.quiet);
    // The Fronius site's logger stand-in: POSTs each minute to the app's push endpoint with the demo's key.
    if (froniusKey) pusher = startFroniusPusher({ appUrl: config.appUrl, apiKey: froniusKey, site: DEMO_FRONIUS_SITE });
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
