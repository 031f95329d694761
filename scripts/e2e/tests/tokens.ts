import type { E2eContext, E2eTest } from "../harness";
import { expectTrue } from "../harness";
import { signInAs } from "./sign-in";

/** The demo owner's system the test reads and shares (by alias). */
const SYSTEM = "home";

async function tokenReadsEnergy(ctx: E2eContext): Promise<void> {
  const { page, close } = await ctx.newPage();
  try {
    await signInAs(page, ctx.baseUrl, "owner");
    await page.goto(`${ctx.baseUrl}/settings/tokens`);
    await page.getByLabel("Name", { exact: true }).fill("e2e energy reader");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
    expectTrue(/^sm_[A-Za-z0-9_-]{43}$/.test(secret), `the new token is shown once: got "${secret.slice(0, 6)}…"`);
    await ctx.screenshot(page, "tokens-created");

    const res = await fetch(`${ctx.baseUrl}/api/systems/${SYSTEM}/energy?period=month`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expectTrue(res.status === 200, `a token with energy:read reads energy: HTTP ${res.status}`);
    expectTrue(res.headers.get("ratelimit-limit"), "the answer carries RateLimit-Limit");
    expectTrue(!res.headers.get("set-cookie"), "a token request gets no cookies");
    const body = (await res.json()) as { period?: string };
    expectTrue(body.period === "month", "the energy accounts of the month came back");
    const admin = await fetch(`${ctx.baseUrl}/api/admin/systems`, { headers: { authorization: `Bearer ${secret}` } });
    expectTrue(admin.status === 401, `a token is refused outside its routes: HTTP ${admin.status}`);

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Revoke e2e energy reader" }).click();
    await page
      .getByText(/revoked \d{4}-\d\d-\d\d/)
      .first()
      .waitFor();
    const after = await fetch(`${ctx.baseUrl}/api/systems/${SYSTEM}/energy?period=month`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expectTrue(after.status === 401, `a revoked token is refused: HTTP ${after.status}`);
  } finally {
    await close();
  }
}

async function shareLinkOpensSignedOut(ctx: E2eContext): Promise<void> {
  const owner = await ctx.newPage();
  const guest = await ctx.newPage();
  try {
    await signInAs(owner.page, ctx.baseUrl, "owner");
    await owner.page.goto(`${ctx.baseUrl}/dashboard/${SYSTEM}/settings`);
    await owner.page.getByLabel("Label (optional)").fill("For the neighbours");
    await owner.page.getByRole("button", { name: "Create share link" }).click();
    const link = (await owner.page.getByTestId("new-share-link").textContent())?.trim() ?? "";
    expectTrue(/\/s\/sh_[A-Za-z0-9_-]{43}$/.test(link), `the share link is shown once: got "${link.slice(0, 30)}…"`);

    // Signed out (a fresh browser context): the dashboard, its data, and nothing else.
    await guest.page.goto(link);
    await guest.page.getByTestId("system-name").waitFor();
    await guest.page.getByTestId("point-row").first().waitFor();
    expectTrue(!guest.page.url().includes("/sign-in"), "the share link opens without signing in");
    expectTrue((await guest.page.getByTestId("system-settings-link").count()) === 0, "no settings link");
    await ctx.screenshot(guest.page, "share-link-dashboard");
    const other = await guest.page.evaluate(async () => (await fetch("/api/systems")).status);
    expectTrue(other === 401, `the guest has no session for other routes: HTTP ${other}`);

    owner.page.once("dialog", (d) => void d.accept());
    await owner.page.getByRole("button", { name: "Revoke For the neighbours" }).click();
    await owner.page.getByText("No active share links.").waitFor();
    const res = await fetch(link);
    expectTrue(res.status === 404, `a revoked share link answers 404: HTTP ${res.status}`);
    await guest.page.reload();
    expectTrue((await guest.page.getByTestId("point-row").count()) === 0, "the revoked link shows no data");
  } finally {
    await owner.close();
    await guest.close();
  }
}

export const tokensTests: E2eTest[] = [
  { name: "tokens: an owner creates a token in the UI and a script reads energy with it", run: tokenReadsEnergy },
  { name: "tokens: a share link opens the dashboard signed out and stops once revoked", run: shareLinkOpensSignedOut },
];
