import type { E2eTest } from "../harness";
import { expectTrue } from "../harness";
import { signInAs } from "./sign-in";

/** Signs in as the homeowner, sees live values and a drawn power chart, at desktop and phone widths. */
export const dashboardTests: E2eTest[] = [
  {
    name: "anonymous visitors are sent to sign-in",
    async run(ctx) {
      const { page, close } = await ctx.newPage();
      await page.goto(`${ctx.baseUrl}/dashboard`);
      expectTrue(new URL(page.url()).pathname === "/sign-in", `expected /sign-in, got ${page.url()}`);
      await ctx.screenshot(page, "sign-in-desktop");
      await close();
    },
  },
  ...[
    { label: "desktop", viewport: { width: 1366, height: 900 } },
    { label: "phone", viewport: { width: 390, height: 844 } },
  ].map(({ label, viewport }): E2eTest => ({
    name: `homeowner sees live values and today's chart (${label})`,
    async run(ctx) {
      const { page, close } = await ctx.newPage(viewport);
      await signInAs(page, ctx.baseUrl, "owner");
      await page.goto(`${ctx.baseUrl}/dashboard`);
      for (const id of ["live-solar", "live-load", "live-battery", "live-battery-soc", "live-grid"]) {
        const text = (await page.getByTestId(id).first().textContent({ timeout: 20_000 })) ?? "";
        expectTrue(/\d/.test(text), `${id} shows no number: "${text}"`);
      }
      const freshness = (await page.getByTestId("freshness").first().textContent()) ?? "";
      expectTrue(freshness.trim().length > 0, "freshness badge is empty");
      const chart = page.getByTestId("power-chart").first();
      await chart.locator("svg .recharts-area-area, svg .recharts-line-curve").first().waitFor({ timeout: 20_000 });
      const drawn = await chart
        .locator("svg path.recharts-area-area, svg path.recharts-line-curve")
        .evaluateAll((els) => els.filter((el) => (el.getAttribute("d") ?? "").length > 50));
      expectTrue(drawn.length > 0, "the power chart has no drawn series");
      await ctx.screenshot(page, `dashboard-${label}`);
      await close();
    },
  })),
];
