import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { verifyWebhook } from "../../../lib/alerts/signature";
import type { E2eContext, E2eTest } from "../harness";
import { expectTrue } from "../harness";
import { alertRuleTests } from "./alert-rules";
import { signInAs } from "./sign-in";

/** The demo system this test takes offline (its vendor emulator is put into an error mode). */
const SYSTEM = "home";
const VENDOR = "selectronic";

interface Hook {
  url: string;
  received: Array<{ verified: boolean; body: { type?: string; alert?: { id?: number; state?: string } } }>;
  secret: string;
  close(): Promise<void>;
}

/** A webhook receiver of the test's own: it verifies every signature with the secret the channel was given. */
async function startHook(): Promise<Hook> {
  const hook: Hook = { url: "", received: [], secret: "", close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const verified = verifyWebhook(
        hook.secret,
        String(req.headers["x-alert-timestamp"] ?? ""),
        String(req.headers["x-alert-signature"] ?? ""),
        body,
      );
      hook.received.push({ verified, body: JSON.parse(body) });
      res.statusCode = verified ? 204 : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  hook.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return hook;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test indexes freely into response JSON
type Json = any;

/** A same-origin JSON call from the signed-in page (cookie and CSRF rules as the UI has them). */
async function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    { method, path, body },
  );
}

async function emulatorMode(mode: string): Promise<void> {
  const origin = new URL(process.env.SELECTRONIC_BASE_URL ?? "").origin;
  const res = await fetch(`${origin}/__control/mode`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ vendor: VENDOR, mode }),
  });
  expectTrue(res.ok, `emulator mode ${mode}: HTTP ${res.status}`);
}

/** One alerts cron cycle, as Vercel Cron sends it; a cycle the background runner holds is waited out. */
async function alertsCycle(ctx: E2eContext): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${ctx.baseUrl}/api/cron/alerts`, {
      method: "POST",
      headers: { authorization: `Bearer ${process.env.CRON_SECRET ?? ""}` },
    });
    const body = (await res.json()) as { status?: string };
    expectTrue(res.ok, `POST /api/cron/alerts answered ${res.status}`);
    if (body.status === "done") return;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  throw new Error("the alerts cron stayed leased for 40 s");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, ms: number, fn: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(1_000);
  }
}

async function offlineAlertFlow(ctx: E2eContext) {
  expectTrue(ctx.mailbox, "the run has no SMTP server (ctx.mailbox)");
  const mailbox = ctx.mailbox;
  const hook = await startHook();
  const { page, close } = await ctx.newPage();
  // The owner sets up and acknowledges (aliases are the owner's); a platform admin polls the system now.
  const admin = await ctx.newPage();
  try {
    await signInAs(page, ctx.baseUrl, "owner");
    await signInAs(admin.page, ctx.baseUrl, "admin");
    // Short offline rule, no cooldown; an email and a webhook channel on the system.
    const rules = await api(page, "GET", `/api/systems/${SYSTEM}/alert-rules`);
    expectTrue(rules.status === 200, `GET alert-rules: ${rules.status}`);
    const offline = rules.json.rules.find((r: { kind: string }) => r.kind === "offline");
    const systemId = offline.systemId as number;
    const patched = await api(page, "PATCH", `/api/systems/${SYSTEM}/alert-rules/${offline.id}`, {
      params: { afterMinutes: 1 },
      cooldownMinutes: 0,
    });
    expectTrue(patched.status === 200, `PATCH rule: ${patched.status} ${JSON.stringify(patched.json)}`);
    const email = await api(page, "POST", `/api/systems/${SYSTEM}/alert-channels`, {
      type: "email",
      target: "owner@example.com",
    });
    expectTrue(email.status === 201, `POST email channel: ${email.status} ${JSON.stringify(email.json)}`);
    const webhook = await api(page, "POST", `/api/systems/${SYSTEM}/alert-channels`, {
      type: "webhook",
      target: hook.url,
    });
    expectTrue(webhook.status === 201 && typeof webhook.json.secret === "string", `POST webhook: ${webhook.status}`);
    hook.secret = webhook.json.secret;

    // The vendor starts answering garbage: polls fail from now on.
    const brokenAt = Date.now();
    await emulatorMode("malformed_json");
    const poll = await api(admin.page, "POST", `/api/admin/systems/${systemId}/poll`);
    expectTrue(
      poll.json?.status === "failed",
      `the poll after breaking the emulator did not fail: ${JSON.stringify(poll.json?.status)}`,
    );
    // No new data for more than the rule's minute and two of the vendor's data intervals (one minute each).
    await sleep(Math.max(0, brokenAt + 125_000 - Date.now()));
    await alertsCycle(ctx);
    let open = await api(page, "GET", `/api/systems/${SYSTEM}/alerts?state=active`);
    if (!open.json.alerts.some((a: { kind: string }) => a.kind === "offline")) {
      await alertsCycle(ctx);
      open = await api(page, "GET", `/api/systems/${SYSTEM}/alerts?state=active`);
    }
    const alert = open.json.alerts.find((a: { kind: string }) => a.kind === "offline");
    expectTrue(alert, `no offline alert within two alerts cron cycles: ${JSON.stringify(open.json)}`);

    const fired = await waitFor("the alert email", 30_000, () =>
      mailbox.messages.find((m) => m.to.includes("owner@example.com") && /is offline/.test(m.subject)),
    );
    expectTrue(/\[critical\]/.test(fired.subject), `email subject: ${fired.subject}`);
    const firedHook = await waitFor("the alert webhook", 30_000, () =>
      hook.received.find((r) => r.body.type === "alert.fired" && r.body.alert?.id === alert.id),
    );
    expectTrue(firedHook.verified, "the webhook receiver could not verify the signature");

    // The bell counts it; acknowledge it on the alerts page.
    await page.goto(`${ctx.baseUrl}/alerts`);
    const bell = await page.getByTestId("alert-bell").getAttribute("aria-label");
    expectTrue(bell && /[1-9]\d* unread/.test(bell), `bell label: ${bell}`);
    const row = page.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`);
    await row.waitFor();
    await ctx.screenshot(page, "alerts-active");
    await row.getByRole("button", { name: /^Acknowledge/ }).click();
    await page.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"][data-state="acknowledged"]`).waitFor();
    await ctx.screenshot(page, "alerts-acknowledged");

    // The vendor recovers: the next poll succeeds and the alert resolves by itself; the resolution is delivered.
    await emulatorMode("ok");
    const ok = await api(admin.page, "POST", `/api/admin/systems/${systemId}/poll`);
    expectTrue(
      ok.json?.status === "succeeded",
      `the poll after restoring the emulator: ${JSON.stringify(ok.json?.status)}`,
    );
    await alertsCycle(ctx);
    const after = await api(page, "GET", `/api/systems/${SYSTEM}/alerts/${alert.id}`);
    expectTrue(after.json.alert.state === "resolved", `alert state after recovery: ${after.json.alert.state}`);
    expectTrue(after.json.alert.resolvedBy === "system", `resolved by ${after.json.alert.resolvedBy}`);
    const actions = after.json.transitions.map((t: { action: string }) => t.action).join(",");
    expectTrue(actions === "fire,acknowledge,resolve", `transitions: ${actions}`);
    await waitFor("the resolution email", 30_000, () =>
      mailbox.messages.find((m) => m.to.includes("owner@example.com") && /^Resolved:/.test(m.subject)),
    );
    const resolvedHook = await waitFor("the resolution webhook", 30_000, () =>
      hook.received.find((r) => r.body.type === "alert.resolved" && r.body.alert?.id === alert.id),
    );
    expectTrue(resolvedHook.verified, "the resolution webhook's signature did not verify");
    const log = await api(page, "GET", `/api/systems/${SYSTEM}/alerts/${alert.id}`);
    const sent = log.json.deliveries.filter((d: { status: string }) => d.status === "sent").length;
    expectTrue(sent === 4, `delivery log: ${JSON.stringify(log.json.deliveries)}`);
  } finally {
    await emulatorMode("ok").catch(() => undefined);
    await close();
    await admin.close();
    await hook.close();
  }
}

export const alertsTests: E2eTest[] = [
  {
    name: "alerts: an offline vendor raises an alert, mailed and signed-webhooked, acknowledged in the UI, resolved by itself (pages audited)",
    run: offlineAlertFlow,
  },
  ...alertRuleTests,
];
