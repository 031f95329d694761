import type { Page } from "playwright-core";
import type { E2eContext, E2eTest } from "../harness";
import { expectTrue } from "../harness";
import { signInAs } from "./sign-in";

const DESKTOP = { width: 1366, height: 900 };

/** YYYY-MM-DD of `daysAgo` days before now (UTC; any recent day works for a regenerate). */
function dayAgo(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** Submits the aggregation form and waits for the outcome of run number `run`. */
async function regenerate(page: Page, run: number): Promise<{ phase: string | null; text: string }> {
  await page.getByTestId("aggregation-submit").click();
  const result = page.getByTestId("aggregation-result");
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('[data-testid="aggregation-result"]');
      return el?.getAttribute("data-runs") === String(n) && ["done", "failed"].includes(el.getAttribute("data-phase")!);
    },
    run,
    { timeout: 60_000 },
  );
  return { phase: await result.getAttribute("data-phase"), text: (await result.textContent()) ?? "" };
}

async function aggregationForm(ctx: E2eContext) {
  const { page, close } = await ctx.newPage(DESKTOP);
  try {
    await signInAs(page, ctx.baseUrl, "admin");
    await page.goto(`${ctx.baseUrl}/admin/tools`);
    await page.getByTestId("aggregation-form").waitFor();
    await ctx.screenshot(page, "admin-tools-desktop");
    // Nothing chosen: a clear message, nothing sent.
    const empty = await regenerate(page, 0).catch(() => null);
    expectTrue(empty === null || empty.phase === "failed", `an empty form ran: ${JSON.stringify(empty)}`);
    const problem = (await page.getByTestId("aggregation-result").textContent()) ?? "";
    expectTrue(/choose both/i.test(problem), `no message for an empty range: "${problem}"`);

    await page.locator("#agg-from").fill(dayAgo(2));
    await page.locator("#agg-to").fill(dayAgo(1));
    const first = await regenerate(page, 1);
    expectTrue(first.phase === "done" && /Regenerated \d+ daily rows/.test(first.text), `first run: ${first.text}`);
    // The fields are kept, and a second click runs again (a new outcome, not the old one left standing).
    expectTrue((await page.locator("#agg-from").inputValue()) === dayAgo(2), "the From day was reset after a run");
    expectTrue((await page.locator("#agg-to").inputValue()) === dayAgo(1), "the To day was reset after a run");
    const second = await regenerate(page, 2);
    expectTrue(second.phase === "done", `second run: ${second.text}`);
    // Changing a field clears the previous outcome; a reversed range is refused before sending.
    await page.locator("#agg-from").fill(dayAgo(0));
    const cleared = (await page.getByTestId("aggregation-result").textContent()) ?? "";
    expectTrue(cleared.trim() === "", `the old outcome stayed after a change: "${cleared}"`);
    await page.getByTestId("aggregation-submit").click();
    const reversed = (await page.getByTestId("aggregation-result").textContent()) ?? "";
    expectTrue(/must not be after/i.test(reversed), `no message for a reversed range: "${reversed}"`);
    await ctx.screenshot(page, "admin-tools-after-runs-desktop");
  } finally {
    await close();
  }
}

async function adminPagesAndComposite(ctx: E2eContext) {
  const { page, close } = await ctx.newPage(DESKTOP);
  try {
    await signInAs(page, ctx.baseUrl, "admin");
    await page.goto(`${ctx.baseUrl}/admin`);
    const composite = page.locator('[data-testid^="admin-system-"][data-computed="true"]').first();
    await composite.waitFor();
    const lastPoll = (await composite.getByTestId("admin-last-poll").textContent()) ?? "";
    expectTrue(!/never/i.test(lastPoll) && /sources?/i.test(lastPoll), `composite last poll reads "${lastPoll}"`);
    await ctx.screenshot(page, "admin-systems-desktop");
    for (const [path, name] of [
      ["/admin/sessions", "admin-sessions-desktop"],
      ["/admin/users", "admin-users-desktop"],
      ["/admin/storage", "admin-storage-desktop"],
      ["/admin/retention", "admin-retention-desktop"],
      ["/admin/health", "admin-health-desktop"],
    ] as const) {
      await page.goto(`${ctx.baseUrl}${path}`);
      await page.locator("main h1, main h2").first().waitFor();
      await ctx.screenshot(page, name);
    }
    const session = page.locator('a[href^="/admin/sessions/"]').first();
    await page.goto(`${ctx.baseUrl}/admin/sessions`);
    if (await session.count()) {
      await session.click();
      await page.waitForURL(/\/admin\/sessions\/\d+/);
      // A client-side navigation sets the new page's title a moment after the URL: audit the page once it has one.
      await page.locator("main h1, main h2").first().waitFor();
      await page.waitForFunction(() => document.title.includes("Session"), undefined, { timeout: 10_000 });
      await ctx.screenshot(page, "admin-session-detail-desktop");
    }
  } finally {
    await close();
  }
}

async function compositeSettings(ctx: E2eContext) {
  const { page, close } = await ctx.newPage(DESKTOP);
  try {
    await signInAs(page, ctx.baseUrl, "owner");
    await page.goto(`${ctx.baseUrl}/dashboard/whole_home`);
    const id = await page.locator("main[data-system-id]").first().getAttribute("data-system-id");
    await page.goto(`${ctx.baseUrl}/dashboard/${id}/settings`);
    await page.getByTestId("settings-form").waitFor();
    const body = (await page.locator("main").textContent()) ?? "";
    expectTrue(!/first (successful )?poll/i.test(body), "composite settings promise a first poll");
    expectTrue((await page.locator("#status").count()) === 0, "composite settings offer a polling setting");
    expectTrue(/computed from/i.test(body), "composite settings do not say the values are computed from sources");
    await ctx.screenshot(page, "settings-composite-desktop");
    await page.goto(`${ctx.baseUrl}/composites/new`);
    await page.locator("main").first().waitFor();
    await ctx.screenshot(page, "composite-new-desktop");
  } finally {
    await close();
  }
}

/** Admin pages (audited) and their tools, and what a composite's settings and admin row say (issue 15). */
export const adminPageTests: E2eTest[] = [
  { name: "admin aggregation form keeps its fields, runs again and clears an old outcome", run: aggregationForm },
  { name: "admin pages render; a composite's row says it is computed from its sources", run: adminPagesAndComposite },
  { name: "a composite's settings speak of its sources, not of polling", run: compositeSettings },
];
