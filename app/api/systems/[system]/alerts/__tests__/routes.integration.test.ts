import { GET as listAll } from "@/app/api/alerts/route";
import { DELETE as deleteChannel } from "@/app/api/systems/[system]/alert-channels/[channelId]/route";
import { GET as getChannels, POST as postChannel } from "@/app/api/systems/[system]/alert-channels/route";
import { DELETE as deleteRule, PATCH as patchRule } from "@/app/api/systems/[system]/alert-rules/[ruleId]/route";
import { GET as getRules, POST as postRule } from "@/app/api/systems/[system]/alert-rules/route";
import { PUT as putMaintenance } from "@/app/api/systems/[system]/maintenance/route";
import { decryptJson } from "@/lib/crypto/secrets";
import { call, params } from "@/lib/systems/__tests__/request";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser } from "@/test/helpers/test-vendor";
import { GET as getOne, POST as act } from "../[alertId]/route";
import { GET as listOfSystem } from "../route";

let t: TestDb;
let systemId: number;
let otherId: number;
const sys = <E extends Record<string, string>>(extra: E = {} as E) => params({ system: String(systemId), ...extra });
const q = async (sql: string, args: unknown[] = []) =>
  (await t.db.$client.execute({ sql, args: args as never })).rows.map((r) => ({ ...r }));

async function insertAlert(system: number, state = "active"): Promise<number> {
  // One open alert per rule and system (the unique index): close earlier ones first.
  if (state === "active") await q("UPDATE alerts SET state = 'resolved' WHERE system_id = ?", [system]);
  const [rule] = await q("SELECT id FROM alert_rules WHERE system_id = ? AND kind = 'offline'", [system]);
  const [row] = await q(
    "INSERT INTO alerts (system_id, rule_id, vendor_type, kind, severity, state, title, message, fired_at, updated_at) " +
      "VALUES (?, ?, 'testvendor', 'offline', 'critical', ?, 'Offline', 'No data', ?, ?) RETURNING id",
    [system, rule.id, state, Date.now(), Date.now()],
  );
  return Number(row.id);
}

beforeAll(async () => {
  t = await createTestDb();
  for (const u of ["owner", "viewer", "stranger"]) await insertTestUser(t.db, u);
  systemId = await insertTestSystem(t.db, { owner: "owner" });
  otherId = await insertTestSystem(t.db, { owner: "stranger" });
  await t.db.$client.execute({
    sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('viewer', ?, 'viewer', 0, 0)",
    args: [systemId],
  });
});
afterAll(() => t.cleanup());

describe("alert lists and actions", () => {
  it("lists a system's alerts for its readers and everything visible on /api/alerts, with the unread count", async () => {
    const mine = await insertAlert(systemId);
    const theirs = await insertAlert(otherId);
    const list = await call(listOfSystem, `/api/systems/${systemId}/alerts`, sys(), { user: "viewer" });
    expect(list.status).toBe(200);
    expect(list.body.alerts.map((a: { id: number }) => a.id)).toEqual([mine]);
    expect(list.body).toMatchObject({ unread: 1, canWrite: false });
    const all = await call(listAll, "/api/alerts?state=active", {}, { user: "owner" });
    expect(all.body.alerts.map((a: { id: number }) => a.id)).toEqual([mine]);
    const strangers = await call(listAll, "/api/alerts", {}, { user: "stranger" });
    expect(strangers.body.alerts.map((a: { id: number }) => a.id)).toEqual([theirs]);
  });

  it.each([
    ["an unknown state", "?state=open"],
    ["an unknown severity", "?severity=urgent"],
    ["a zero limit", "?limit=0"],
    ["a huge limit", "?limit=100000"],
    ["a bad cursor", "?before=abc"],
    ["an unknown parameter", "?colour=red"],
  ])("refuses %s with a 400 naming it", async (_what, query) => {
    const res = await call(listOfSystem, `/api/systems/${systemId}/alerts${query}`, sys(), { user: "owner" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Invalid query/);
    const all = await call(listAll, `/api/alerts${query}`, {}, { user: "owner" });
    expect(all.status).toBe(400);
  });

  it("acknowledge, snooze and resolve record who and when; a second acknowledge is a 409; viewers may not act", async () => {
    const id = await insertAlert(systemId);
    const path = `/api/systems/${systemId}/alerts/${id}`;
    const p = sys({ alertId: String(id) });
    expect((await call(act, path, p, { method: "POST", user: "viewer", body: { action: "acknowledge" } })).status).toBe(
      403,
    );
    expect(
      (await call(act, path, p, { method: "POST", user: "stranger", body: { action: "acknowledge" } })).status,
    ).toBe(404);
    const ack = await call(act, path, p, { method: "POST", user: "owner", body: { action: "acknowledge" } });
    expect(ack).toMatchObject({ status: 200, body: { alert: { state: "acknowledged", acknowledgedBy: "owner" } } });
    expect((await call(act, path, p, { method: "POST", user: "owner", body: { action: "acknowledge" } })).status).toBe(
      409,
    );
    const snooze = await call(act, path, p, { method: "POST", user: "owner", body: { action: "snooze", minutes: 30 } });
    expect(snooze.body.alert.snoozedUntilMs).toBeGreaterThan(Date.now());
    const resolve = await call(act, path, p, {
      method: "POST",
      user: "owner",
      body: { action: "resolve", note: "fuse replaced" },
    });
    expect(resolve.body.alert).toMatchObject({ state: "resolved", resolvedBy: "owner" });
    const one = await call(getOne, path, p, { user: "viewer" });
    expect(one.body.transitions.map((x: { action: string; actor: string }) => `${x.action}:${x.actor}`)).toEqual([
      "acknowledge:owner",
      "snooze:owner",
      "resolve:owner",
    ]);
    // Another system's alert through this system's URL is not found.
    const foreign = await insertAlert(otherId);
    const cross = await call(getOne, `/api/systems/${systemId}/alerts/${foreign}`, sys({ alertId: String(foreign) }), {
      user: "owner",
    });
    expect(cross.status).toBe(404);
  });

  it.each([
    ["no action", {}],
    ["an unknown action", { action: "delete" }],
    ["a snooze without minutes", { action: "snooze" }],
    ["a snooze of a year", { action: "snooze", minutes: 525600 }],
    ["an extra field", { action: "acknowledge", by: "someone" }],
  ])("refuses %s with a 400", async (_what, body) => {
    const id = await insertAlert(systemId, "resolved");
    const res = await call(act, `/api/systems/${systemId}/alerts/${id}`, sys({ alertId: String(id) }), {
      method: "POST",
      user: "owner",
      body,
    });
    expect(res.status).toBe(400);
  });

  it("refuses a bad alert id, non-JSON and malformed JSON", async () => {
    const bad = await call(getOne, `/api/systems/${systemId}/alerts/x`, sys({ alertId: "x" }), { user: "owner" });
    expect(bad.status).toBe(400);
    const raw = await call(act, `/api/systems/${systemId}/alerts/1`, sys({ alertId: "1" }), {
      method: "POST",
      user: "owner",
      rawBody: "{nope",
    });
    expect(raw.status).toBe(400);
    const type = await call(act, `/api/systems/${systemId}/alerts/1`, sys({ alertId: "1" }), {
      method: "POST",
      user: "owner",
      rawBody: "action=acknowledge",
      headers: { "content-type": "text/plain" },
    });
    expect(type.status).toBe(415);
  });
});

describe("rule CRUD", () => {
  const rulesPath = () => `/api/systems/${systemId}/alert-rules`;

  it("lists the default rules, adds a threshold, changes and deletes it; viewers read only", async () => {
    const list = await call(getRules, rulesPath(), sys(), { user: "viewer" });
    expect(list.body.rules.map((r: { kind: string }) => r.kind)).toEqual(["offline", "fault_code", "production_drop"]);
    expect(list.body).toMatchObject({ canWrite: false, maintenanceUntilMs: null });
    const body = {
      kind: "threshold",
      name: "Hot",
      params: { pointId: 1, op: "above", value: 60 },
      severity: "critical",
    };
    expect((await call(postRule, rulesPath(), sys(), { method: "POST", user: "viewer", body })).status).toBe(403);
    const created = await call(postRule, rulesPath(), sys(), { method: "POST", user: "owner", body });
    expect(created).toMatchObject({ status: 201, body: { rule: { kind: "threshold", params: { forMinutes: 0 } } } });
    const id = String(created.body.rule.id);
    const patched = await call(patchRule, `${rulesPath()}/${id}`, sys({ ruleId: id }), {
      method: "PATCH",
      user: "owner",
      body: { enabled: false, cooldownMinutes: 5 },
    });
    expect(patched.body.rule).toMatchObject({ enabled: false, cooldownMs: 300_000 });
    const removed = await call(deleteRule, `${rulesPath()}/${id}`, sys({ ruleId: id }), {
      method: "DELETE",
      user: "owner",
    });
    expect(removed.status).toBe(200);
    const again = await call(deleteRule, `${rulesPath()}/${id}`, sys({ ruleId: id }), {
      method: "DELETE",
      user: "owner",
    });
    expect(again.status).toBe(404);
  });

  it.each([
    ["no kind", {}],
    ["an unknown kind", { kind: "weather" }],
    ["threshold params missing", { kind: "threshold" }],
    ["a threshold with a bad op", { kind: "threshold", params: { pointId: 1, op: "over", value: 1 } }],
    ["an offline rule of 0 minutes", { kind: "offline", params: { afterMinutes: 0 } }],
    ["an unknown param", { kind: "offline", params: { afterMinutes: 5, colour: "red" } }],
    ["a bad severity", { kind: "offline", severity: "fatal" }],
    ["a negative cooldown", { kind: "offline", cooldownMinutes: -1 }],
    ["an empty name", { kind: "offline", name: " " }],
    ["a NUL in the name", { kind: "offline", name: "Offline\u0000 hidden" }],
    ["a line break in the name", { kind: "offline", name: "Offline\nalert" }],
    ["an unknown field", { kind: "offline", owner: "me" }],
    ["a budget without an amount", { kind: "cost_over_budget", params: { period: "day" } }],
    ["a budget of fractional cents", { kind: "cost_over_budget", params: { budgetCents: 1.5 } }],
    ["a budget per week", { kind: "cost_over_budget", params: { period: "week", budgetCents: 100 } }],
    ["a grid outage of negative minutes", { kind: "grid_outage", params: { forMinutes: -1 } }],
    ["a counter reset with params", { kind: "counter_reset", params: { points: [1] } }],
    ["a production drop over 30 recent days", { kind: "production_drop", params: { recentDays: 31 } }],
  ])("refuses %s with a 400", async (_what, body) => {
    const res = await call(postRule, rulesPath(), sys(), { method: "POST", user: "owner", body });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Invalid alert rule/);
  });

  it("refuses bad changes with a 400 and bad rule ids with a 400", async () => {
    const [rule] = await q("SELECT id FROM alert_rules WHERE system_id = ? AND kind = 'offline'", [systemId]);
    const id = String(rule.id);
    for (const body of [{}, { params: { afterMinutes: "soon" } }, { enabled: "yes" }, { kind: "threshold" }]) {
      const res = await call(patchRule, `${rulesPath()}/${id}`, sys({ ruleId: id }), {
        method: "PATCH",
        user: "owner",
        body,
      });
      expect(res.status).toBe(400);
    }
    const bad = await call(patchRule, `${rulesPath()}/x`, sys({ ruleId: "x" }), {
      method: "PATCH",
      user: "owner",
      body: { enabled: true },
    });
    expect(bad.status).toBe(400);
  });
});

describe("channels and maintenance", () => {
  const chPath = () => `/api/systems/${systemId}/alert-channels`;

  it("a webhook's secret is returned once, stored encrypted, never listed; channels are for writers", async () => {
    const created = await call(postChannel, chPath(), sys(), {
      method: "POST",
      user: "owner",
      body: { type: "webhook", target: "https://hooks.example.com/x", quietStart: "22:00", quietEnd: "07:00" },
    });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    const [row] = await q("SELECT secret, quiet_start_min, quiet_end_min FROM alert_channels WHERE id = ?", [
      created.body.channel.id,
    ]);
    expect(row.secret).not.toContain(secret);
    expect(decryptJson(String(row.secret))).toBe(secret);
    expect(row).toMatchObject({ quiet_start_min: 1320, quiet_end_min: 420 });
    const list = await call(getChannels, chPath(), sys(), { user: "owner" });
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.channels[0]).toMatchObject({ type: "webhook", hasSecret: true });
    expect((await call(getChannels, chPath(), sys(), { user: "viewer" })).status).toBe(403);
    const id = String(created.body.channel.id);
    const removed = await call(deleteChannel, `${chPath()}/${id}`, sys({ channelId: id }), {
      method: "DELETE",
      user: "owner",
    });
    expect(removed.status).toBe(200);
  });

  it.each([
    ["no type", { target: "a@example.com" }],
    ["a bad email", { type: "email", target: "not-an-address" }],
    ["a webhook that is not a URL", { type: "webhook", target: "hooks" }],
    ["a webhook with credentials", { type: "webhook", target: "https://u:p@example.com/" }],
    ["a file URL", { type: "webhook", target: "file:///etc/passwd" }],
    ["half quiet hours", { type: "email", target: "a@example.com", quietStart: "22:00" }],
    ["bad quiet hours", { type: "email", target: "a@example.com", quietStart: "25:00", quietEnd: "07:00" }],
    ["an unknown audience", { type: "email", target: "a@example.com", audience: "everyone" }],
  ])("refuses %s with a 400", async (_what, body) => {
    const res = await call(postChannel, chPath(), sys(), { method: "POST", user: "owner", body });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Invalid alert channel/);
  });

  it("maintenance mode is set, shown and ended; bad input is a 400", async () => {
    const path = `/api/systems/${systemId}/maintenance`;
    const on = await call(putMaintenance, path, sys(), { method: "PUT", user: "owner", body: { minutes: 60 } });
    expect(on.body.maintenanceUntilMs).toBeGreaterThan(Date.now() + 59 * 60_000);
    const shown = await call(getRules, `/api/systems/${systemId}/alert-rules`, sys(), { user: "viewer" });
    expect(shown.body.maintenanceUntilMs).toBe(on.body.maintenanceUntilMs);
    const off = await call(putMaintenance, path, sys(), { method: "PUT", user: "owner", body: { minutes: 0 } });
    expect(off.body.maintenanceUntilMs).toBeNull();
    for (const body of [{}, { minutes: -1 }, { minutes: "1h" }, { minutes: 10 ** 9 }]) {
      expect((await call(putMaintenance, path, sys(), { method: "PUT", user: "owner", body })).status).toBe(400);
    }
    expect(
      (await call(putMaintenance, path, sys(), { method: "PUT", user: "viewer", body: { minutes: 5 } })).status,
    ).toBe(403);
  });
});
