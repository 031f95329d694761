import { deliverDue, evaluateAlerts } from "@/lib/alerts";
import { alertHistory, setUserQuietHours } from "@/lib/alerts/store";
import { resetEnv } from "@/lib/env";
import type { Mailbox } from "@/scripts/e2e/harness";
import { startMailbox } from "@/scripts/e2e/mailbox";
import { pollSystem } from "@/lib/polling";
import { VendorError } from "@/lib/vendors/types";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, registerTestVendor, type TestVendor } from "@/test/helpers/test-vendor";

// Escalation to people (issue #18): an alert left unacknowledged past its rule's escalation delay is mailed to each
// owner and admin of its system at their account email, once, honouring their own quiet hours.
const NOW = Date.UTC(2025, 5, 1, 2, 0, 0);
const at = (minutes: number) => new Date(NOW + minutes * 60_000);
let t: TestDb;
let vendor: TestVendor;
let smtp: Mailbox;
const mails: Array<{ to: string; raw: string }> = [];

const q = async (sql: string, args: unknown[] = []) =>
  (await t.db.$client.execute({ sql, args: args as never })).rows.map((r) => ({ ...r }));

beforeAll(async () => {
  t = await createTestDb();
  vendor = registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  smtp = await startMailbox((m) => mails.push({ to: m.to.join(","), raw: m.raw }));
  process.env.SMTP_URL = smtp.url;
  resetEnv();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnv();
  await smtp.close();
  await t.cleanup();
});

/** A system owned by `<p>-owner`, with an owner grant, an admin grant, a viewer, and admins that get no mail. */
async function offlineSystemWithPeople(p: string) {
  const people: Array<[string, string | null, number | null, string | null]> = [
    [`${p}-owner`, `${p}-owner@example.com`, null, null],
    [`${p}-coowner`, `${p}-coowner@example.com`, null, "owner"],
    [`${p}-admin`, `${p}-admin@example.com`, null, "admin"],
    [`${p}-quiet`, `${p}-quiet@example.com`, null, "admin"],
    [`${p}-viewer`, `${p}-viewer@example.com`, null, "viewer"],
    [`${p}-noemail`, null, null, "admin"],
    [`${p}-disabled`, `${p}-disabled@example.com`, NOW - 1, "admin"],
  ];
  const id = await insertTestSystem(t.db, { owner: `${p}-owner` });
  for (const [userId, email, disabledAt, role] of people) {
    await t.db.$client.execute({
      sql: "INSERT INTO users (id, email, display_name, disabled_at, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)",
      args: [userId, email, userId, disabledAt],
    });
    if (role) {
      await t.db.$client.execute({
        sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
        args: [userId, id, role],
      });
    }
  }
  await t.db.$client.execute({
    sql:
      "UPDATE alert_rules SET params = '{\"afterMinutes\":1}', severity = 'warning', escalate_after_ms = 600000 " +
      "WHERE system_id = ? AND kind = 'offline'",
    args: [id],
  });
  // An escalation-only email channel to the admin's own address: the admin gets the escalation once, through it.
  await t.db.$client.execute({
    sql:
      "INSERT INTO alert_channels (system_id, type, target, audience, created_at, updated_at) " +
      "VALUES (?, 'email', ?, 'escalation', 0, 0)",
    args: [id, `${p.toUpperCase()}-ADMIN@example.com`],
  });
  const site = String((await q("SELECT vendor_site_id FROM systems WHERE id = ?", [id]))[0].vendor_site_id);
  await pollSystem(id, { now: at(0), force: true });
  vendor.behaviour.set(site, { error: new VendorError("NETWORK", "down") });
  await pollSystem(id, { now: at(3), force: true });
  return id;
}

describe("escalation to the system's owners and admins", () => {
  it("mails each owner and admin once at their account email (not viewers, disabled or email-less people), after their quiet hours", async () => {
    // 00:00–04:00 UTC: the escalation at 02:16 UTC waits for this admin until 04:00.
    await setUserQuietHours("e-quiet", { quietStartMin: 0, quietEndMin: 4 * 60, timezone: "UTC" });
    const id = await offlineSystemWithPeople("e");
    expect((await evaluateAlerts({ now: at(5) })).fired).toBe(1);
    expect(mails).toHaveLength(0); // no channels: nothing before the escalation

    expect((await evaluateAlerts({ now: at(10) })).escalated).toBe(0);
    const run = await evaluateAlerts({ now: at(16) });
    expect(run.escalated).toBe(1);
    expect(run.deliveries).toMatchObject({ sent: 3, postponed: 1, failed: 0 });
    expect(mails.map((m) => m.to).sort()).toEqual([
      "E-ADMIN@example.com",
      "e-coowner@example.com",
      "e-owner@example.com",
    ]);
    for (const m of mails) expect(m.raw).toMatch(/Subject: Escalated: \[warning\] Test system is offline/);

    // A second evaluation sends nothing more; the quiet admin's mail goes when their quiet hours end.
    expect(await evaluateAlerts({ now: at(17) })).toMatchObject({ escalated: 0, deliveries: { sent: 0 } });
    expect(await deliverDue({ nowMs: Date.UTC(2025, 5, 1, 4, 0) })).toMatchObject({ sent: 1 });
    expect(mails.map((m) => m.to)).toContain("e-quiet@example.com");
    expect(await evaluateAlerts({ now: new Date(Date.UTC(2025, 5, 1, 4, 1)) })).toMatchObject({
      escalated: 0,
      deliveries: { sent: 0, postponed: 0 },
    });
    expect(mails).toHaveLength(4);

    // The delivery log shows each person's delivery, without a channel (the admin's went by their channel).
    const [alert] = await q("SELECT id FROM alerts WHERE system_id = ?", [id]);
    const { deliveries, transitions } = await alertHistory(Number(alert.id));
    expect(deliveries.map((d) => [d.recipientUserId, d.channelId, d.channelType, d.event, d.status]).sort()).toEqual([
      [null, expect.any(Number), "email", "escalated", "sent"],
      ["e-coowner", null, "email", "escalated", "sent"],
      ["e-owner", null, "email", "escalated", "sent"],
      ["e-quiet", null, "email", "escalated", "sent"],
    ]);
    expect(transitions.filter((tr) => tr.action === "escalate")).toHaveLength(1);
  });

  it("email off: each person's escalation is recorded failed with the reason, never lost", async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    resetEnv();
    try {
      mails.length = 0;
      const id = await offlineSystemWithPeople("f");
      await evaluateAlerts({ now: at(5) });
      await evaluateAlerts({ now: at(16) });
      const log = await q(
        "SELECT d.recipient_user_id, d.status, d.last_error FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id " +
          "WHERE a.system_id = ? ORDER BY d.recipient_user_id",
        [id],
      );
      // No quiet hours here (warning severity): all four are tried at once and fail for good.
      expect(log.map((r) => r.recipient_user_id)).toEqual([null, "f-coowner", "f-owner", "f-quiet"]);
      for (const r of log) {
        expect(r.status).toBe("failed");
        expect(String(r.last_error)).toMatch(/Email is off/);
      }
      expect(mails).toHaveLength(0);
    } finally {
      process.env.SMTP_URL = saved;
      resetEnv();
    }
  });
});
