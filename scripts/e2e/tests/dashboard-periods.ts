import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import type { E2eContext, E2eTest } from "../harness";
import { expectTrue } from "../harness";
import { signInAs } from "./sign-in";

const VIEWPORTS = [
  { label: "desktop", viewport: { width: 1366, height: 900 } },
  { label: "phone", viewport: { width: 390, height: 844 } },
] as const;

/** Clicks a period link and waits for the URL and the switcher to agree. */
async function choose(page: Page, testId: string, expectUrl: (url: URL) => boolean, what: string) {
  await page.getByTestId(testId).click();
  await page.waitForURL((u) => expectUrl(new URL(u.toString())), { timeout: 20_000 });
  expectTrue(expectUrl(new URL(page.url())), `${what}: unexpected URL ${page.url()}`);
}

/** Waits until a chart card has finished loading (ready, empty or error) and returns its state. */
async function settled(page: Page, testId: string): Promise<string | null> {
  await page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return el !== null && el.getAttribute("data-state") !== "loading";
    },
    testId,
    { timeout: 30_000 },
  );
  return page.getByTestId(testId).first().getAttribute("data-state");
}

/** Waits until a chart card is ready and has drawn SVG shapes matching `selector` with real geometry. */
async function expectDrawn(page: Page, testId: string, selector: string) {
  const card = page.getByTestId(testId).first();
  const state = await settled(page, testId);
  expectTrue(state === "ready", `${testId} is ${state}: ${(await card.textContent())?.slice(0, 200)}`);
  // Attached, not visible: just after local midnight today's series is a flat line of zeros (a zero-height area).
  await card.locator(selector).first().waitFor({ state: "attached", timeout: 20_000 });
  const drawn = await card
    .locator(selector)
    .evaluateAll((els) => els.filter((el) => (el.getAttribute("d") ?? "").length > 10).length);
  expectTrue(drawn > 0, `${testId} has no drawn ${selector}`);
}

/** The energy table shows a kWh number for solar (the demo systems all have solar energy counters). */
async function expectEnergyNumbers(page: Page) {
  const state = await settled(page, "energy-table");
  expectTrue(state === "ready", `energy-table is ${state}`);
  const cell = page.getByTestId("energy-solar").first();
  await cell.waitFor({ timeout: 30_000 });
  const text = (await cell.textContent()) ?? "";
  expectTrue(/\d.*kWh/.test(text), `energy-solar shows "${text}"`);
  const value = Number(await cell.getAttribute("data-value"));
  expectTrue(Number.isFinite(value) && value >= 0, `energy-solar data-value is ${value}`);
}

/** Downloads the CSV behind a button and checks it has a header and at least one data row. */
async function expectCsv(page: Page, testId: string, headerStart: string) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const file = await download.path();
  expectTrue(file, `${testId}: the download was not saved`);
  const lines = readFileSync(file, "utf8").trim().split(/\r\n/);
  expectTrue(lines[0].startsWith(headerStart), `${testId}: header is "${lines[0]}"`);
  expectTrue(lines.length >= 2, `${testId}: no data rows`);
  expectTrue(download.suggestedFilename().endsWith(".csv"), `${testId}: file name ${download.suggestedFilename()}`);
}

async function openDashboard(ctx: E2eContext, viewport: { width: number; height: number }) {
  const { page, close } = await ctx.newPage(viewport);
  await signInAs(page, ctx.baseUrl, "owner");
  await page.goto(`${ctx.baseUrl}/dashboard`);
  return { page, close };
}

/** Signed in as the owner: 1D → 7D → 30D, previous / next / live, CSV downloads, screenshots at two widths. */
export const dashboardPeriodTests: E2eTest[] = [
  {
    name: "period switcher: 7D and 30D show daily bars and energy numbers; previous, next and live move the URL",
    async run(ctx) {
      const { page, close } = await openDashboard(ctx, VIEWPORTS[0].viewport);
      await expectDrawn(page, "power-chart", "path.recharts-area-area");
      await expectEnergyNumbers(page);

      await choose(
        page,
        "period-7D",
        (u) => u.searchParams.get("period") === "7D" && !u.searchParams.has("date"),
        "7D",
      );
      await expectDrawn(page, "energy-bars", "path.recharts-rectangle");
      await expectDrawn(page, "power-chart", "path.recharts-area-area");
      await expectEnergyNumbers(page);

      await choose(page, "period-30D", (u) => u.searchParams.get("period") === "30D", "30D");
      await expectDrawn(page, "energy-bars", "path.recharts-rectangle");
      await expectEnergyNumbers(page);
      const liveLabel = await page.getByTestId("period-label").textContent();

      await choose(
        page,
        "period-previous",
        (u) => u.searchParams.get("period") === "30D" && u.searchParams.has("date"),
        "previous",
      );
      const pastLabel = await page.getByTestId("period-label").textContent();
      expectTrue(pastLabel !== liveLabel, `previous kept the label "${pastLabel}"`);
      await page.getByTestId("period-live").waitFor();

      await choose(
        page,
        "period-next",
        (u) => u.searchParams.get("period") === "30D" && !u.searchParams.has("date"),
        "next",
      );
      expectTrue((await page.getByTestId("period-live").count()) === 0, "a live period still offers 'Live'");

      await choose(page, "period-previous", (u) => u.searchParams.has("date"), "previous again");
      await choose(page, "period-live", (u) => !u.searchParams.has("date"), "live");
      await close();
    },
  },
  {
    name: "CSV downloads of the power chart and the daily energy bars have a header and rows",
    async run(ctx) {
      const { page, close } = await openDashboard(ctx, VIEWPORTS[0].viewport);
      await expectDrawn(page, "power-chart", "path.recharts-area-area");
      await expectCsv(page, "csv-power", "interval_end,");
      await choose(page, "period-7D", (u) => u.searchParams.get("period") === "7D", "7D");
      await expectDrawn(page, "energy-bars", "path.recharts-rectangle");
      await expectCsv(page, "csv-daily-energy", "day,");
      await close();
    },
  },
  ...VIEWPORTS.map(({ label, viewport }): E2eTest => ({
    name: `screenshots of 1D, 7D and 30D (${label})`,
    async run(ctx) {
      const { page, close } = await openDashboard(ctx, viewport);
      for (const kind of ["1D", "7D", "30D"] as const) {
        if (kind !== "1D") await choose(page, `period-${kind}`, (u) => u.searchParams.get("period") === kind, kind);
        await expectDrawn(
          page,
          kind === "1D" ? "power-chart" : "energy-bars",
          kind === "1D" ? "path.recharts-area-area" : "path.recharts-rectangle",
        );
        await settled(page, "energy-flow");
        await settled(page, "heatmap");
        // Let the lazily loaded charts finish drawing before the picture is taken.
        await page.waitForTimeout(500);
        await ctx.screenshot(page, `dashboard-${kind}-${label}`);
      }
      await close();
    },
  })),
];
