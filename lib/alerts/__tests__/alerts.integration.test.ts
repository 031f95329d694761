import { evaluateAlerts, DEFAULT_OUTAGE_POLICY } from "@/lib/alerts";
import { escalateDue, applyPersonAction, forgetCachedRules, getAlert } from "@/lib/alerts/store";
import { quietUntil } from "@/lib/alerts/deliver";
import { pollSystem } from "@/lib/polling";
import { VendorError } from "@/lib/vendors/types";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, registerTestVendor, TEST_POINTS, type TestVendor } from "@/test/helpers/test-vendor";

// Noon in Melbourne (UTC+10 in June): the sun is up.
const NOW = new Date(Date.UTC(2025, 5, 1, 2, 0, 0));
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
let t: TestDb;
let vendor: TestVendor;

const q = async (sql: string, args: unknown[] = []) =>
  (await t.db.$client.execute({ sql, args: args as never })).rows.map((r) => ({ ...r }));
const alertsOf = (id: number) => q("SELECT * FROM alerts WHERE system_id = ? ORDER BY id", [id]);
const ruleOf = async (id: number, kind: string) =>
  (await q("SELECT * FROM alert_rules WHERE system_id = ? AND kind = ?", [id, kind]))[0];
const siteOf = async (id: number) =>
  String((await q("SELECT vendor_site_id FROM systems WHERE id = ?", [id]))[0].vendor_site_id);
const run = (minutes: number, extra: Parameters<typeof evaluateAlerts>[0] = {}) =>
  evaluateAlerts({ now: at(minutes), deliver: false, ...extra });
const fail = async (id: number, code: ConstructorParameters<typeof VendorError>[0] = "NETWORK") =>
  vendor.behaviour.set(await siteOf(id), { error: new VendorError(code, "down") });

beforeAll(async () => {
  t = await createTestDb();
  vendor = registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(() => t.cleanup());
beforeEach(async () => {
  vendor.reset();
  await t.db.$client.execute("UPDATE systems SET status = 'disabled'"); // each test sees only its own systems
});

describe("default rules", () => {
  it("every new system gets offline, fault code and production drop rules", async () => {
    const id = await insertTestSystem(t.db);
    const rules = await q("SELECT kind, enabled, is_default FROM alert_rules WHERE system_id = ? ORDER BY id", [id]);
    expect(rules).toEqual([
      { kind: "offline", enabled: 1, is_default: 1 },
      { kind: "fault_code", enabled: 1, is_default: 1 },
      { kind: "production_drop", enabled: 1, is_default: 1 },
    ]);
  });
});

describe("offline lifecycle", () => {
  it("fires after the rule's minutes of failed polls, once; resolves itself when data returns; cooldown holds a re-fire", async () => {
    const id = await insertTestSystem(t.db);
    await t.db.$client.execute({
      sql: "UPDATE alert_rules SET params = '{\"afterMinutes\":5}', cooldown_ms = 1800000 WHERE system_id = ? AND kind = 'offline'",
      args: [id],
    });
    await pollSystem(id, { now: at(0), force: true });
    await fail(id);
    await pollSystem(id, { now: at(2), force: true });
    await run(3);
    expect(await alertsOf(id)).toEqual([]); // not yet 5 minutes
    await pollSystem(id, { now: at(6), force: true });
    await run(6);
    await run(7);
    const [alert] = await alertsOf(id);
    expect(alert).toMatchObject({ state: "active", kind: "offline", severity: "critical", held: 0 });
    expect(await alertsOf(id)).toHaveLength(1);

    vendor.behaviour.delete(await siteOf(id));
    await pollSystem(id, { now: at(8), force: true });
    await run(9);
    expect((await alertsOf(id))[0]).toMatchObject({ state: "resolved", resolved_by: "system" });
    const transitions = await q("SELECT action, actor FROM alert_transitions WHERE alert_id = ? ORDER BY id", [
      alert.id,
    ]);
    expect(transitions).toEqual([
      { action: "fire", actor: "system" },
      { action: "resolve", actor: "system" },
    ]);

    // Fails again within the 30-minute cooldown: no new alert until it has passed.
    await fail(id);
    await pollSystem(id, { now: at(10), force: true });
    await run(20);
    expect(await alertsOf(id)).toHaveLength(1);
    await pollSystem(id, { now: at(40), force: true });
    await run(40);
    expect(await alertsOf(id)).toHaveLength(2);
  });

  it("is not raised in a vendor's known maintenance window", async () => {
    const id = await insertTestSystem(t.db);
    await t.db.$client.execute({
      sql: "UPDATE alert_rules SET params = '{\"afterMinutes\":1}' WHERE system_id = ? AND kind = 'offline'",
      args: [id],
    });
    await pollSystem(id, { now: at(0), force: true });
    await fail(id, "MAINTENANCE");
    for (const m of [1, 2, 3, 4]) {
      await pollSystem(id, { now: at(m), force: true });
      await run(m);
    }
    expect(await alertsOf(id)).toEqual([]);
  });

  it("maintenance mode of a system suppresses alerts until it ends", async () => {
    const id = await insertTestSystem(t.db);
    await t.db.$client.execute({
      sql: "UPDATE alert_rules SET params = '{\"afterMinutes\":1}' WHERE system_id = ? AND kind = 'offline'",
      args: [id],
    });
    await t.db.$client.execute({
      sql: "INSERT INTO alert_settings (system_id, maintenance_until, updated_at) VALUES (?, ?, ?)",
      args: [id, at(30).getTime(), 0],
    });
    await pollSystem(id, { now: at(0), force: true });
    await fail(id);
    await pollSystem(id, { now: at(5), force: true });
    await run(10);
    expect(await alertsOf(id)).toEqual([]);
    await run(31);
    expect(await alertsOf(id)).toHaveLength(1);
  });
});

describe("dedup under concurrent evaluation", () => {
  it("two runs at once (lease taken by one, or racing past it) raise one alert", async () => {
    const id = await insertTestSystem(t.db);
    await t.db.$client.execute({
      sql: "UPDATE alert_rules SET params = '{\"afterMinutes\":1}' WHERE system_id = ? AND kind = 'offline'",
      args: [id],
    });
    await pollSystem(id, { now: at(0), force: true });
    await fail(id);
    await pollSystem(id, { now: at(3), force: true });
    const results = await Promise.all([run(5), run(5), run(5)]);
    expect(results.filter((r) => r.status === "done").length).toBeGreaterThanOrEqual(1);
    // Bypass the lease entirely: the evaluator itself, many times at once.
    const { evaluateAbsence } = await import("@/lib/alerts");
    const blank = () => ({ rules: 0, systems: 0, fired: 0, resolved: 0, outagesOpened: [], outagesClosed: [] });
    await Promise.all(
      [5, 5, 6, 6, 7].map((m) => evaluateAbsence(at(m).getTime(), at(m), DEFAULT_OUTAGE_POLICY, blank())),
    );
    expect(await alertsOf(id)).toHaveLength(1);
    const [{ n }] = await q(
      "SELECT count(*) AS n FROM alert_transitions WHERE alert_id = (SELECT id FROM alerts WHERE system_id = ?)",
      [id],
    );
    expect(n).toBe(1);
  });
});

describe("reading rules", () => {
  it("a threshold held for its duration fires on the readings a poll stored, and clears when it no longer holds", async () => {
    const id = await insertTestSystem(t.db);
    await pollSystem(id, { now: at(0), force: true });
    const [soc] = await q("SELECT id FROM point_info WHERE system_id = ? AND origin_id = 'soc'", [id]);
    await t.db.$client.execute({
      sql:
        "INSERT INTO alert_rules (system_id, kind, name, params, severity, cooldown_ms, created_at, updated_at) " +
        "VALUES (?, 'threshold', 'SoC low', ?, 'warning', 0, 0, 0)",
      args: [id, JSON.stringify({ pointId: Number(soc.id), op: "below", value: 30, forMinutes: 2 })],
    });
    forgetCachedRules(id); // written behind the store's back
    const socAt = (v: number) => (nowMs: number) => [{ point: TEST_POINTS.soc, measurementTimeMs: nowMs, value: v }];
    const site = await siteOf(id);
    vendor.behaviour.set(site, { readings: socAt(20) });
    await pollSystem(id, { now: at(1), force: true });
    expect(await alertsOf(id)).toEqual([]);
    await pollSystem(id, { now: at(2), force: true });
    expect(await alertsOf(id)).toEqual([]);
    await pollSystem(id, { now: at(3), force: true });
    expect(await alertsOf(id)).toMatchObject([{ state: "active", kind: "threshold", title: "SoC low" }]);
    // Replaying the same poll changes nothing.
    await pollSystem(id, { now: at(3), force: true });
    expect(await alertsOf(id)).toHaveLength(1);
    vendor.behaviour.set(site, { readings: socAt(50) });
    await pollSystem(id, { now: at(4), force: true });
    expect(await alertsOf(id)).toMatchObject([{ state: "resolved" }]);
  });
});

describe("fault code and battery rules", () => {
  it("a fault code reported by the vendor raises the default fault alert; a batch without it clears it", async () => {
    const id = await insertTestSystem(t.db);
    const fault = {
      originId: "fault",
      name: "Inverter fault",
      type: "bidi",
      subtype: "inverter",
      extension: "fault",
      metricType: "text",
      unit: "",
    } as const;
    const site = await siteOf(id);
    vendor.behaviour.set(site, {
      readings: (nowMs) => [
        { point: TEST_POINTS.solar, measurementTimeMs: nowMs, value: 100 },
        { point: fault, measurementTimeMs: nowMs, value: null, valueStr: "E42" },
      ],
    });
    await pollSystem(id, { now: at(0), force: true });
    expect(await alertsOf(id)).toMatchObject([{ kind: "fault_code", state: "active", severity: "critical" }]);
    expect(String((await alertsOf(id))[0].message)).toMatch(/E42/);
    vendor.behaviour.set(site, {
      readings: (nowMs) => [{ point: TEST_POINTS.solar, measurementTimeMs: nowMs, value: 100 }],
    });
    await pollSystem(id, { now: at(1), force: true });
    expect(await alertsOf(id)).toMatchObject([{ kind: "fault_code", state: "resolved" }]);
  });

  it("battery low fires after its minutes below the level", async () => {
    const id = await insertTestSystem(t.db);
    await t.db.$client.execute({
      sql:
        "INSERT INTO alert_rules (system_id, kind, name, params, severity, cooldown_ms, created_at, updated_at) " +
        "VALUES (?, 'battery_low', 'Battery low', '{\"belowPercent\":15,\"forMinutes\":5}', 'warning', 0, 0, 0)",
      args: [id],
    });
    vendor.behaviour.set(await siteOf(id), {
      readings: (nowMs) => [{ point: TEST_POINTS.soc, measurementTimeMs: nowMs, value: 9 }],
    });
    for (const m of [0, 2, 4]) await pollSystem(id, { now: at(m), force: true });
    expect(await alertsOf(id)).toEqual([]);
    await pollSystem(id, { now: at(5), force: true });
    expect(await alertsOf(id)).toMatchObject([{ kind: "battery_low", state: "active" }]);
  });
});

describe("production drop", () => {
  async function solarSystem(lat: number, lng: number) {
    const id = await insertTestSystem(t.db);
    await t.db.$client.execute({
      sql: "UPDATE systems SET location = ?, solar_size = '5 kW' WHERE id = ?",
      args: [JSON.stringify({ lat, lng }), id],
    });
    await t.db.$client.execute({
      sql: "UPDATE alert_rules SET params = '{\"belowPercent\":10,\"forMinutes\":20}' WHERE system_id = ? AND kind = 'production_drop'",
      args: [id],
    });
    return id;
  }
  async function poll5mOfZeroSolar(id: number, from: Date, minutes: number) {
    vendor.behaviour.set(await siteOf(id), {
      readings: (nowMs) => [{ point: TEST_POINTS.solar, measurementTimeMs: nowMs, value: 0 }],
    });
    for (let m = 0; m <= minutes; m += 5)
      await pollSystem(id, { now: new Date(from.getTime() + m * 60_000), force: true });
  }

  it("fires when the sun is high and the array delivers nothing, after its minutes", async () => {
    const id = await solarSystem(-37.8, 144.9);
    await poll5mOfZeroSolar(id, at(-40), 40);
    await run(0);
    expect(await alertsOf(id)).toEqual([]); // condition starts now
    await run(25);
    expect(await alertsOf(id)).toMatchObject([{ kind: "production_drop", state: "active" }]);
  });

  it("never fires at dusk (the sun too low to judge)", async () => {
    const id = await solarSystem(-37.8, 144.9);
    // 17:10 local in June (UTC+10): the sun has set or is on the horizon.
    const dusk = new Date(Date.UTC(2025, 5, 1, 7, 10));
    await poll5mOfZeroSolar(id, new Date(dusk.getTime() - 60 * 60_000), 60);
    for (let m = 0; m <= 60; m += 10)
      await evaluateAlerts({ now: new Date(dusk.getTime() + m * 60_000), deliver: false });
    expect(await alertsOf(id)).toEqual([]);
    expect((await ruleOf(id, "production_drop")).pending_since).toBeNull();
  });
});

describe("vendor outage grouping", () => {
  it("many systems of one vendor failing at once raise one fleet alert; their own alerts are held, then released", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await insertTestSystem(t.db));
    for (const id of ids) {
      await t.db.$client.execute({
        sql: "UPDATE alert_rules SET params = '{\"afterMinutes\":1}' WHERE system_id = ? AND kind = 'offline'",
        args: [id],
      });
      await t.db.$client.execute({
        sql: "INSERT INTO alert_channels (system_id, type, target, created_at, updated_at) VALUES (?, 'email', 'o@example.com', 0, 0)",
        args: [id],
      });
      await pollSystem(id, { now: at(0), force: true });
      await fail(id);
      await pollSystem(id, { now: at(3), force: true });
    }
    const summary = await run(5);
    expect(summary.outagesOpened).toEqual(["testvendor"]);
    const fleet = await q("SELECT * FROM alerts WHERE system_id IS NULL AND state = 'active'");
    expect(fleet).toHaveLength(1);
    for (const id of ids) expect(await alertsOf(id)).toMatchObject([{ held: 1, state: "active" }]);
    const [{ n: queued }] = await q("SELECT count(*) AS n FROM alert_deliveries");
    expect(queued).toBe(0);

    // Four recover, two stay down: the outage clears, the two still-open alerts are released and delivered.
    for (const id of ids.slice(0, 4)) {
      vendor.behaviour.delete(await siteOf(id));
      await pollSystem(id, { now: at(6), force: true });
    }
    const after = await run(7);
    expect(after.outagesClosed).toEqual(["testvendor"]);
    expect(await q("SELECT state FROM alerts WHERE id = ?", [fleet[0].id])).toEqual([{ state: "resolved" }]);
    for (const id of ids.slice(0, 4)) expect(await alertsOf(id)).toMatchObject([{ state: "resolved" }]);
    for (const id of ids.slice(4)) expect(await alertsOf(id)).toMatchObject([{ held: 0, state: "active" }]);
    const deliveries = await q(
      "SELECT a.system_id, d.event FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id",
    );
    expect(deliveries.map((d) => d.system_id).sort()).toEqual(ids.slice(4).sort());
    await t.db.$client.execute("UPDATE alerts SET state = 'resolved' WHERE state IN ('active', 'acknowledged')");
  });
});

describe("escalation, acknowledgement and quiet hours", () => {
  it("an alert left unacknowledged past escalate_after is escalated once to escalation channels; acknowledged ones are not", async () => {
    const id = await insertTestSystem(t.db);
    await t.db.$client.execute({
      sql: "UPDATE alert_rules SET params = '{\"afterMinutes\":1}', escalate_after_ms = 600000 WHERE system_id = ? AND kind = 'offline'",
      args: [id],
    });
    await t.db.$client.execute({
      sql:
        "INSERT INTO alert_channels (system_id, type, target, audience, created_at, updated_at) VALUES " +
        "(?, 'email', 'all@example.com', 'all', 0, 0), (?, 'email', 'boss@example.com', 'escalation', 0, 0)",
      args: [id, id],
    });
    await pollSystem(id, { now: at(0), force: true });
    await fail(id);
    await pollSystem(id, { now: at(3), force: true });
    await run(5);
    const events = () =>
      q(
        "SELECT c.target, d.event FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id " +
          "WHERE c.system_id = ? ORDER BY d.id",
        [id],
      );
    expect(await events()).toEqual([{ target: "all@example.com", event: "fired" }]);
    await run(10);
    expect(await events()).toHaveLength(1);
    await run(16);
    expect(
      (await events())
        .filter((e) => e.event === "escalated")
        .map((e) => e.target)
        .sort(),
    ).toEqual(["all@example.com", "boss@example.com"]);
    expect(await escalateDue(at(30).getTime())).toBe(0);

    const [row] = await alertsOf(id);
    const alert = (await getAlert(Number(row.id)))!;
    const acked = await applyPersonAction(alert, { action: "acknowledge" }, "owner", at(31).getTime());
    expect(acked.state).toBe("acknowledged");
    await expect(applyPersonAction(acked, { action: "acknowledge" }, "owner")).rejects.toThrow(/acknowledged/);
    const transitions = await q("SELECT action, actor FROM alert_transitions WHERE alert_id = ? ORDER BY id", [row.id]);
    expect(transitions.map((x) => `${x.action}:${x.actor}`)).toEqual([
      "fire:system",
      "escalate:system",
      "acknowledge:owner",
    ]);
  });

  it("quiet hours postpone to their end, wrapping past midnight, in the system's zone", () => {
    const zone = "Australia/Melbourne";
    const ch = { quietStartMin: 22 * 60, quietEndMin: 7 * 60 };
    // 23:30 local on 1 June (UTC+10) → 07:00 local on 2 June.
    const lateMs = Date.UTC(2025, 5, 1, 13, 30);
    expect(quietUntil(ch, zone, lateMs)).toBe(Date.UTC(2025, 5, 1, 21, 0));
    // 06:00 local → 07:00 the same day.
    expect(quietUntil(ch, zone, Date.UTC(2025, 5, 1, 20, 0))).toBe(Date.UTC(2025, 5, 1, 21, 0));
    // Noon: not quiet.
    expect(quietUntil(ch, zone, Date.UTC(2025, 5, 1, 2, 0))).toBeNull();
    expect(quietUntil({ quietStartMin: null, quietEndMin: null }, zone, lateMs)).toBeNull();
  });
});
