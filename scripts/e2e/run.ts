/* `npm run test:e2e`: a fresh stack on its own ports and database, then real Chromium through the built app. */
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { stackConfig } from "../demo/config";
import { freePort } from "../demo/ports";
import { startStack, type RunningStack } from "../demo/stack";
import { auditPage, auditSummaryTest } from "./axe";
import { launchBrowser } from "./browser";
import { runTests, type E2eContext } from "./harness";
import { adminPageTests } from "./tests/admin-pages";
import { authzPageTests } from "./tests/authz-pages";
import { chartTouchTests, dashboardTests, vendorDashboardTests } from "./tests/dashboard";
import { dashboardPeriodTests } from "./tests/dashboard-periods";
import { energyAccountsTests } from "./tests/energy-accounts";
import { setupOAuthTests } from "./tests/setup-oauth";
import { setupSettingsTests } from "./tests/setup-settings";

let stack: RunningStack | undefined;
let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;

/** Stops everything this run started (browser, Next, emulators, cron runner), on every path out. */
async function shutdown(): Promise<void> {
  const [b, s] = [browser, stack];
  browser = stack = undefined;
  await b?.close().catch(() => undefined);
  await s?.stop().catch((err) => console.error(`end-to-end: stopping the stack failed: ${String(err)}`));
}

async function main(): Promise<number> {
  const artifacts = resolve("artifacts");
  const dataDir = join(artifacts, "e2e-data");
  rmSync(dataDir, { recursive: true, force: true });
  // Ports of our own unless the caller names them, so a server left over by another run is never the one we test.
  const appPort = Number(process.env.DEMO_PORT ?? (await freePort()));
  const emulatorPort = Number(process.env.EMULATOR_PORT ?? (await freePort()));
  const config = stackConfig("e2e", {
    dataDir,
    appPort,
    emulatorPort,
    backfillDays: Number(process.env.E2E_BACKFILL_DAYS ?? 3),
  });
  console.log(`end-to-end: starting a stack on ${config.appUrl}`);
  stack = await startStack(config, { next: "start", cron: true, quiet: true });
  browser = await launchBrowser();
  const screenshotDir = join(artifacts, "screenshots");
  const ctx: E2eContext = {
    baseUrl: config.appUrl,
    browser,
    screenshotDir,
    async newPage(viewport = { width: 1366, height: 900 }) {
      const context = await browser!.newContext({ viewport, colorScheme: "light" });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      return { page, close: () => context.close() };
    },
    async screenshot(page, name) {
      const file = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      // Every screenshotted state is also audited; the last test fails on serious/critical findings.
      await auditPage(page, name);
      return file;
    },
  };
  // E2E_ONLY=<words>: run only the tests whose name contains them (a quicker loop while working on one area).
  const only = process.env.E2E_ONLY;
  const report = await runTests(
    [
      ...dashboardTests,
      ...vendorDashboardTests,
      ...chartTouchTests,
      ...dashboardPeriodTests,
      ...energyAccountsTests,
      ...setupSettingsTests,
      ...setupOAuthTests,
      ...adminPageTests,
      ...authzPageTests,
      auditSummaryTest(artifacts),
    ].filter((t) => !only || t.name.includes(only)),
    ctx,
    join(artifacts, "e2e-results.json"),
  );
  return report.failed ? 1 : 0;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    console.error(`end-to-end: ${signal}, stopping what this run started`);
    void shutdown().finally(() => process.exit(1));
  });
}

main()
  .catch((err) => {
    console.error(`end-to-end setup failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  })
  .then(async (code) => {
    await shutdown();
    process.exit(code);
  });
