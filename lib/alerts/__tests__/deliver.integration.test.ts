import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { deliverDue, evaluateAlerts, MAX_ATTEMPTS, verifyWebhook } from "@/lib/alerts";
import { heldUntil } from "@/lib/alerts/deliver";
import { setUserQuietHours } from "@/lib/alerts/store";
import { encryptJson } from "@/lib/crypto/secrets";
import { resetEnv } from "@/lib/env";
import type { Mailbox } from "@/scripts/e2e/harness";
import { startMailbox } from "@/scripts/e2e/mailbox";
import { pollSystem } from "@/lib/polling";
import { VendorError } from "@/lib/vendors/types";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, registerTestVendor, type TestVendor } from "@/test/helpers/test-vendor";

const NOW = new Date(Date.UTC(2025, 5, 1, 2, 0, 0));
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const SECRET = "whsec-test-0123456789";
let t: TestDb;
let vendor: TestVendor;
let smtp: Mailbox;
let hook: Server;
let hookUrl: string;
const mails: Array<{ to: string; raw: string }> = [];
const posts: Array<{ verified: boolean; body: Record<string, unknown> }> = [];
let hookStatus = 200;

const q = async (sql: string, args: unknown[] = []) =>
  (await t.db.$client.execute({ sql, args: args as never })).rows.map((r) => ({ ...r }));

beforeAll(async () => {
  t = await createTestDb();
  vendor = registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  smtp = await startMailbox((m) => mails.push({ to: m.to.join(","), raw: m.raw }));
  hook = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const verified = verifyWebhook(
        SECRET,
        String(req.headers["x-alert-timestamp"] ?? ""),
        String(req.headers["x-alert-signature"] ?? ""),
        body,
      );
      posts.push({ verified, body: JSON.parse(body) });
      res.statusCode = hookStatus;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  process.env.SMTP_URL = smtp.url;
  resetEnv();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnv();
  await smtp.close();
  await new Promise<void>((resolve) => hook.close(() => resolve()));
  await t.cleanup();
});

async function offlineSystemWithChannels(options: { createdBy?: string; severity?: string } = {}) {
  const id = await insertTestSystem(t.db);
  await t.db.$client.execute({
    sql: "UPDATE alert_rules SET params = '{\"afterMinutes\":1}', severity = ? WHERE system_id = ? AND kind = 'offline'",
    args: [options.severity ?? "critical", id],
  });
  await t.db.$client.execute({
    sql:
      "INSERT INTO alert_channels (system_id, type, target, secret, created_by, created_at, updated_at) VALUES " +
      "(?, 'email', 'owner@example.com', NULL, ?, 0, 0), (?, 'webhook', ?, ?, ?, 0, 0)",
    args: [id, options.createdBy ?? null, id, hookUrl, encryptJson(SECRET), options.createdBy ?? null],
  });
  const site = String((await q("SELECT vendor_site_id FROM systems WHERE id = ?", [id]))[0].vendor_site_id);
  await pollSystem(id, { now: at(0), force: true });
  vendor.behaviour.set(site, { error: new VendorError("NETWORK", "down") });
  await pollSystem(id, { now: at(3), force: true });
  return { id, site };
}

describe("delivery", () => {
  it("sends the firing and the resolution by real SMTP and by a signed webhook, logging each with latency", async () => {
    const { id, site } = await offlineSystemWithChannels();
    const first = await evaluateAlerts({ now: at(5) });
    expect(first.fired).toBe(1);
    expect(first.deliveries).toMatchObject({ sent: 2, failed: 0 });
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe("owner@example.com");
    expect(mails[0].raw).toMatch(/Subject: \[critical\] Test system is offline/);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ verified: true, body: { type: "alert.fired", alert: { kind: "offline" } } });

    vendor.behaviour.delete(site);
    await pollSystem(id, { now: at(6), force: true });
    const second = await evaluateAlerts({ now: at(7) });
    expect(second.resolved).toBe(1);
    expect(mails[1].raw).toMatch(/Subject: Resolved: \[critical\]/);
    expect(posts[1]).toMatchObject({ verified: true, body: { type: "alert.resolved", alert: { state: "resolved" } } });
    const log = await q("SELECT event, status, attempts, latency_ms FROM alert_deliveries ORDER BY id");
    expect(log).toHaveLength(4);
    for (const row of log) expect(row).toMatchObject({ status: "sent", attempts: 1 });
    expect(log.every((r) => typeof r.latency_ms === "number")).toBe(true);
  });

  it("a failing webhook is retried with back-off, shown failed after the last attempt, and never loses the alert", async () => {
    await t.db.$client.execute("DELETE FROM alert_deliveries");
    hookStatus = 500;
    posts.length = 0;
    await offlineSystemWithChannels();
    await evaluateAlerts({ now: at(5) });
    const hookRow = async () =>
      (
        await q(
          "SELECT d.* FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id WHERE c.type = 'webhook' ORDER BY d.id DESC LIMIT 1",
        )
      )[0];
    let row = await hookRow();
    expect(row).toMatchObject({ status: "pending", attempts: 1, response_status: 500 });
    expect(String(row.last_error)).toMatch(/HTTP 500/);
    expect(Number(row.next_attempt_at)).toBe(at(5).getTime() + 30_000);
    for (let i = 2; i <= MAX_ATTEMPTS; i++) await deliverDue({ nowMs: Number((await hookRow()).next_attempt_at) });
    row = await hookRow();
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(posts.length).toBe(MAX_ATTEMPTS);
    expect(await q("SELECT state FROM alerts WHERE id = ?", [row.alert_id])).toEqual([{ state: "active" }]);
    hookStatus = 200;
  });

  it("email is off without SMTP_URL and says so in the delivery log", async () => {
    await t.db.$client.execute("DELETE FROM alert_deliveries");
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    resetEnv();
    try {
      await offlineSystemWithChannels();
      await evaluateAlerts({ now: at(5) });
      const [row] = await q(
        "SELECT d.status, d.last_error FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id WHERE c.type = 'email'",
      );
      expect(row).toMatchObject({ status: "failed" });
      expect(String(row.last_error)).toMatch(/Email is off: SMTP_URL is not set/);
    } finally {
      process.env.SMTP_URL = saved;
      resetEnv();
    }
  });

  it("a person's quiet hours (in their own zone) hold their channels' email and webhook until they end; the app shows the alert at once", async () => {
    await t.db.$client.execute("DELETE FROM alert_deliveries");
    mails.length = 0;
    posts.length = 0;
    // 22:00–07:00 in London: NOW (02:00 UTC) is 03:00 there, so deliveries wait until 06:00 UTC.
    await setUserQuietHours("quiet-person", { quietStartMin: 22 * 60, quietEndMin: 7 * 60, timezone: "Europe/London" });
    const { id } = await offlineSystemWithChannels({ createdBy: "quiet-person", severity: "warning" });
    const run = await evaluateAlerts({ now: at(5) });
    expect(run.deliveries).toMatchObject({ sent: 0, postponed: 2 });
    expect(mails).toHaveLength(0);
    expect(await q("SELECT state, held FROM alerts WHERE system_id = ?", [id])).toEqual([{ state: "active", held: 0 }]);
    const due = await q("SELECT DISTINCT next_attempt_at, attempts, status FROM alert_deliveries");
    expect(due).toEqual([{ next_attempt_at: Date.UTC(2025, 5, 1, 6, 0), attempts: 0, status: "pending" }]);
    expect(await deliverDue({ nowMs: Date.UTC(2025, 5, 1, 5, 59) })).toMatchObject({ sent: 0 });
    expect(await deliverDue({ nowMs: Date.UTC(2025, 5, 1, 6, 0) })).toMatchObject({ sent: 2, postponed: 0 });
    expect(mails).toHaveLength(1);
    expect(posts).toMatchObject([{ verified: true, body: { type: "alert.fired" } }]);
  });

  // Melbourne (the system) is UTC+10 in June, London (the person) UTC+1.
  const H = (h: number) => Date.UTC(2025, 5, 1, h, 0);
  it.each([
    { name: "no quiet hours", channel: null, owner: null, severity: "warning", nowMs: H(2), until: null },
    {
      name: "the channel's, in the system's zone",
      channel: [22, 7],
      owner: null,
      severity: "warning",
      nowMs: H(14),
      until: H(21),
    },
    { name: "the person's, in their zone", channel: null, owner: [0, 8], severity: "info", nowMs: H(2), until: H(7) },
    { name: "outside the person's", channel: null, owner: [0, 8], severity: "info", nowMs: H(8), until: null },
    { name: "both: the later end", channel: [22, 7], owner: [14, 23], severity: "warning", nowMs: H(14), until: H(22) },
    {
      name: "critical never waits",
      channel: [22, 7],
      owner: [14, 23],
      severity: "critical",
      nowMs: H(14),
      until: null,
    },
  ])("held until: $name", ({ channel, owner, severity, nowMs, until }) => {
    const d = {
      alert: { severity: severity as "info" | "warning" | "critical" },
      systemTimezone: "Australia/Melbourne",
      channel: { quietStartMin: channel ? channel[0] * 60 : null, quietEndMin: channel ? channel[1] * 60 : null },
      owner: owner ? { quietStartMin: owner[0] * 60, quietEndMin: owner[1] * 60, timezone: "Europe/London" } : null,
    };
    expect(heldUntil(d as Parameters<typeof heldUntil>[0], nowMs)).toBe(until);
  });
});
