import type { E2eContext, E2eTest } from "../harness";
import { expectTrue } from "../harness";
import { signInAs } from "./sign-in";

const DESKTOP = { width: 1366, height: 900 };
const SITE = "1689000000000001";
const CAR = "3744000000000001";

/**
 * "Sign in with Tesla" against the emulator: the wizard sends the browser to the vendor's authorize page (it
 * auto-approves), the callback brings it back to the choose step, the Powerwall site and its car are added, and the
 * first poll fills the dashboard. The viewer adds it: the owner already has this site from the demo seed.
 */
async function setupOAuthWithCar(ctx: E2eContext) {
  const { page, close } = await ctx.newPage(DESKTOP);
  try {
    await signInAs(page, ctx.baseUrl, "viewer");
    await page.goto(`${ctx.baseUrl}/setup`);
    await page.getByTestId("vendor-tesla").click();
    await page.getByRole("link", { name: /^Connect with / }).click();
    await page.getByTestId(`pending-system-${SITE}`).waitFor({ timeout: 30_000 });
    expectTrue(new URL(page.url()).searchParams.has("pending"), `not back from the sign-in: ${page.url()}`);
    // Every car of the account is offered under each site: this one under the Powerwall site.
    const car = page.getByTestId(`pending-system-${SITE}`).getByTestId(`pending-device-${CAR}`);
    expectTrue(await car.isChecked(), "the car is not offered checked under its home site");
    // Only the Powerwall site (the solar-only one stays unchecked).
    const solar = page.getByTestId("pending-system-1689000000000002").locator('input[type="checkbox"]').first();
    if (await solar.isChecked()) await solar.uncheck();
    await ctx.screenshot(page, "setup-oauth-choose-desktop");
    await page.getByTestId("add-pending-systems").click();
    await page.waitForURL(/\/dashboard\/\d+$/, { timeout: 60_000 });
    const res = await fetch(`${ctx.baseUrl}/api/cron/poll`, {
      method: "POST",
      headers: { authorization: `Bearer ${process.env.CRON_SECRET ?? ""}` },
    });
    expectTrue(res.ok, `POST /api/cron/poll answered ${res.status}`);
    await page.reload();
    const shown = (await page.getByTestId("live-solar").first().textContent({ timeout: 30_000 })) ?? "";
    expectTrue(/\d/.test(shown), `no first data after a poll: "${shown}"`);
    await ctx.screenshot(page, "setup-oauth-dashboard-desktop");
  } finally {
    await close();
  }
}

export const setupOAuthTests: E2eTest[] = [
  {
    name: "setup signs in with Tesla, chooses the Powerwall site and its car, and the dashboard fills",
    run: setupOAuthWithCar,
  },
];
