import type { Page } from "playwright-core";

/** Signs in through the local sign-in page by clicking the demo user's button. */
export async function signInAs(page: Page, baseUrl: string, username: "admin" | "owner" | "viewer"): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByTestId(`sign-in-${username}`).click();
  await page.waitForURL((url) => url.pathname.startsWith("/dashboard"), { timeout: 20_000 });
}
