import type { Page } from "playwright-core";
import { failingFindings } from "../axe";
import type { E2eContext, E2eTest } from "../harness";
import { expectTrue } from "../harness";
import { signInAs } from "./sign-in";

const DESKTOP = { width: 1366, height: 900 };
/** The rule this test adds (and removes again) on the demo's "home" system. */
const RULE = "E2E budget";

async function screenshotAndAudit(ctx: E2eContext, page: Page, name: string) {
  await ctx.screenshot(page, name);
  const failing = failingFindings(name);
  expectTrue(
    failing.length === 0,
    `axe on ${name}: ${failing.map((f) => `${f.impact} ${f.rule} ${f.targets.slice(0, 2).join(", ")}`).join("; ")}`,
  );
}

/** Removes this test's rule if an earlier run left it (the demo database can be reused). */
async function removeLeftovers(page: Page, baseUrl: string, systemId: number) {
  const res = await page.request.get(`${baseUrl}/api/systems/${systemId}/alert-rules`);
  expectTrue(res.ok(), `GET alert-rules answered ${res.status()}`);
  const { rules } = (await res.json()) as { rules: Array<{ id: number; name: string }> };
  for (const rule of rules.filter((r) => r.name === RULE)) {
    const del = await page.request.delete(`${baseUrl}/api/systems/${systemId}/alert-rules/${rule.id}`, {
      headers: { origin: baseUrl },
    });
    expectTrue(del.ok(), `DELETE rule ${rule.id} answered ${del.status()}`);
  }
}

async function ownerEditsRules(ctx: E2eContext) {
  const { page, close } = await ctx.newPage(DESKTOP);
  page.on("dialog", (d) => void d.accept());
  try {
    await signInAs(page, ctx.baseUrl, "owner");
    await page.goto(`${ctx.baseUrl}/dashboard/home/settings`);
    const id = Number(await page.locator("main[data-system-id]").first().getAttribute("data-system-id"));
    await removeLeftovers(page, ctx.baseUrl, id);
    await page.reload();
    const section = page.getByTestId("alert-rules");
    await section.getByRole("cell", { name: /^System offline/ }).waitFor();

    // A cost budget without an amount is refused in words before anything is sent.
    await page.locator(`#new-rule-kind-${id}`).selectOption("cost_over_budget");
    await page.getByRole("button", { name: "Add a rule" }).click();
    const editor = page.getByTestId("rule-editor");
    await editor.waitFor();
    await page.locator("#rule-new-name").fill(RULE);
    await editor.getByRole("button", { name: "Add rule" }).click();
    await editor.getByText("Budget must be an amount such as 5.50.").waitFor();
    await page.locator("#rule-new-budgetCents").fill("5.50");
    await editor.getByRole("button", { name: "Add rule" }).click();
    const row = section.getByRole("row").filter({ hasText: RULE });
    await row.getByRole("cell", { name: "Net cost of the day above 5.50" }).waitFor();
    await screenshotAndAudit(ctx, page, "alert-rules-desktop");

    // Off and on again.
    await row.getByRole("button", { name: `Switch off ${RULE}` }).click();
    await row.getByRole("cell", { name: "Off", exact: true }).waitFor();
    await row.getByRole("button", { name: `Switch on ${RULE}` }).click();
    await row.getByRole("cell", { name: "On", exact: true }).waitFor();

    // A cooldown past what the API allows: its message is shown, nothing is changed.
    await row.getByRole("button", { name: `Edit ${RULE}` }).click();
    await editor.waitFor();
    const cooldown = editor.getByLabel("Cooldown (minutes)");
    await cooldown.fill("50000");
    await editor.getByRole("button", { name: "Save rule" }).click();
    await editor
      .getByText(/cooldownMinutes must be at most 43200 minutes/)
      .first()
      .waitFor();
    await cooldown.fill("60");
    await editor.getByRole("button", { name: "Save rule" }).click();
    await editor.waitFor({ state: "detached" });

    await row.getByRole("button", { name: `Delete ${RULE}` }).click();
    await row.waitFor({ state: "detached" });
    const left = await page.request.get(`${ctx.baseUrl}/api/systems/${id}/alert-rules`);
    const { rules } = (await left.json()) as { rules: Array<{ name: string }> };
    expectTrue(!rules.some((r) => r.name === RULE), "the rule is still stored after the delete");
  } finally {
    await close();
  }
}

async function viewerReadsRules(ctx: E2eContext) {
  const { page, close } = await ctx.newPage(DESKTOP);
  try {
    await signInAs(page, ctx.baseUrl, "viewer");
    await page.goto(`${ctx.baseUrl}/dashboard/home/settings`);
    await page.getByTestId("settings-forbidden").waitFor();
    const section = page.getByTestId("alert-rules");
    await section.getByRole("cell", { name: /^System offline/ }).waitFor();
    const controls = await section.getByRole("button", { name: /^(Switch|Edit|Delete|Add)/ }).count();
    expectTrue(controls === 0, `the viewer sees ${controls} rule editing control(s)`);
    await screenshotAndAudit(ctx, page, "alert-rules-viewer-desktop");
  } finally {
    await close();
  }
}

export const alertRuleTests: E2eTest[] = [
  { name: "alert rules: the owner adds, switches, edits (errors in words) and deletes a rule", run: ownerEditsRules },
  { name: "alert rules: a viewer sees the rules read-only", run: viewerReadsRules },
];
