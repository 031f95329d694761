/* `npm run test:e2e`: a fresh stack on its own ports and database, then real Chromium through the built app. */
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { stackConfig } from "../demo/config";
import { freePort } from "../demo/ports";
import { startStack, type RunningStack } from "../demo/stack";
import { auditPage, auditSummaryTest } from "./axe";
import { launchBrowser } from "./browser";
import { runTests, type E2eContext, type Mailbox } from "./harness";
import { startMailbox } from "./mailbox";
import { adminPageTests } from "./tests/admin-pages";
import { alertsTests } from "./tests/alerts";
import { authzPageTests } from "./tests/authz-pages";
import { chartTouchTests, dashboardTests, vendorDashboardTests } from "./tests/dashboard";
import { dashboardPeriodTests } from "./tests/dashboard-periods";
import { energyAccountsTests } from "./tests/energy-accounts";
import { evSessionsTests } from "./tests/ev-sessions";
import { moneyTests } from "./tests/money";
import { setupOAuthTests } from "./tests/setup-oauth";
import { setupSettingsTests } from "./tests/setup-settings";
import { tariffTests } from "./tests/tariffs";
import { tokensTests } from "./tests/tokens";

let stack: RunningStack | undefined;
let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
let mailbox: Mailbox | undefined;

/** Stops everything this run started (browser, Next, emulators, cron runner), on every path out. */
async function shutdown(): Promise<void> {
  const [b, s, m] = [browser, stack, mailbox];
  browser = stack = mailbox = undefined;
  await b?.close().catch(() => undefined);
  await s?.stop().catch((err) => console.error(`end-to-end: stopping the stack failed: ${String(err)}`));
  await m?.close().catch(() => undefined);
}

async function main(): Promise<number> {
  const artifacts = resolve("artifacts");
  const dataDir = join(artifacts, "e2e-data");
  rmSync(dataDir, { recursive: true, force: true });
  // Ports of our own unless the caller names them, so a server left over by another run is never the one we test.
  const appPort = Number(process.env.DEMO_PORT ?? (await freePort()));
  const emulatorPort = Number(process.env.EMULATOR_PORT ?? (await freePort()));
  // Alert email goes to a real SMTP server of this run (tests read it back from ctx.mailbox).
  mailbox = await startMailbox();
  const config = stackConfig("e2e", {
    dataDir,
    appPort,
    emulatorPort,
    backfillDays: Number(process.env.E2E_BACKFILL_DAYS ?? 3),
    smtpUrl: mailbox.url,
  });
  console.log(`end-to-end: starting a stack on ${config.appUrl}`);
  stack = await startStack(config, { next: "start", cron: true, quiet: true });
  browser = await launchBrowser();
  const screenshotDir = join(artifacts, "screenshots");
  const ctx: E2eContext = {
    baseUrl: config.appUrl,
    browser,
    screenshotDir,
    mailbox,
    async newPage(viewport = { width: 1366, height: 900 }) {
      const context = await browser!.newContext({ viewport, colorScheme: "light" });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      return { page, close: () => context.close() };
    },
    async screenshot(page, name) {
      const file = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      // Every screenshotted state is also audited; the last test fails on serious/critical findings. The title is
      // streamed after the body (Next streams metadata), so a page just refreshed gets a moment to set it; one that
      // never does is still reported.
      await page
        .waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 })
        .catch(() => undefined);
      await auditPage(page, name);
      return file;
    },
  };
  // E2E_ONLY=<words>: run only the tests whose name contains them (a quicker loop while working on one area);
  // several alternatives separated by "|" (e.g. "ev:|accessibility" to keep the audit's verdict).
  const only = process.env.E2E_ONLY?.split("|").filter(Boolean);
  const report = await runTests(
    [
      ...dashboardTests,
      ...vendorDashboardTests,
      ...chartTouchTests,
      ...dashboardPeriodTests,
      ...energyAccountsTests,
      ...evSessionsTests,
      ...moneyTests,
      ...setupSettingsTests,
      ...tariffTests,
      ...setupOAuthTests,
      ...adminPageTests,
      ...authzPageTests,
      ...alertsTests,
      ...tokensTests,
      auditSummaryTest(artifacts),
    ].filter((t) => !only?.length || only.some((w) => t.name.includes(w))),
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
