/* `npm run test:e2e`: a fresh stack on its own ports and database, then real Chromium through the built app. */
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { stackConfig } from "../demo/config";
import { startStack } from "../demo/stack";
import { launchBrowser } from "./browser";
import { runTests, type E2eContext } from "./harness";
import { authzPageTests } from "./tests/authz-pages";
import { dashboardTests, vendorDashboardTests } from "./tests/dashboard";
import { dashboardPeriodTests } from "./tests/dashboard-periods";
import { energyAccountsTests } from "./tests/energy-accounts";
import { setupSettingsTests } from "./tests/setup-settings";

async function main() {
  const artifacts = resolve("artifacts");
  const dataDir = join(artifacts, "e2e-data");
  rmSync(dataDir, { recursive: true, force: true });
  const config = stackConfig("e2e", { dataDir, backfillDays: Number(process.env.E2E_BACKFILL_DAYS ?? 3) });
  console.log(`end-to-end: starting a stack on ${config.appUrl}`);
  const stack = await startStack(config, { next: "start", cron: true, quiet: true });
  const browser = await launchBrowser();
  const screenshotDir = join(artifacts, "screenshots");
  const ctx: E2eContext = {
    baseUrl: config.appUrl,
    browser,
    screenshotDir,
    async newPage(viewport = { width: 1366, height: 900 }) {
      const context = await browser.newContext({ viewport, colorScheme: "light" });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      return { page, close: () => context.close() };
    },
    async screenshot(page, name) {
      const file = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
  let failed = 1;
  try {
    // E2E_ONLY=<words>: run only the tests whose name contains them (a quicker loop while working on one area).
    const only = process.env.E2E_ONLY;
    const report = await runTests(
      [
        ...dashboardTests,
        ...vendorDashboardTests,
        ...dashboardPeriodTests,
        ...energyAccountsTests,
        ...setupSettingsTests,
        ...authzPageTests,
      ].filter((t) => !only || t.name.includes(only)),
      ctx,
      join(artifacts, "e2e-results.json"),
    );
    failed = report.failed;
  } finally {
    await browser.close();
    await stack.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(`end-to-end setup failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
