import { POST as fleetAct } from "@/app/api/alerts/[alertId]/route";
import { evaluateAlerts } from "@/lib/alerts";
import { pollSystem } from "@/lib/polling";
import { call, params } from "@/lib/systems/__tests__/request";
import { VendorError } from "@/lib/vendors/types";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser, registerTestVendor, type TestVendor } from "@/test/helpers/test-vendor";

// Fleet acknowledge (issue #18): a platform admin acknowledges a vendor outage once, and with it the per-system
// alerts it holds back; resolving it releases them, acknowledged, with nothing mailed for them.
const NOW = Date.UTC(2025, 5, 1, 2, 0, 0);
const at = (minutes: number) => new Date(NOW + minutes * 60_000);
let t: TestDb;
let vendor: TestVendor;
const ids: number[] = [];
let outageId: number;

const q = async (sql: string, args: unknown[] = []) =>
  (await t.db.$client.execute({ sql, args: args as never })).rows.map((r) => ({ ...r }));
const run = (minutes: number) => evaluateAlerts({ now: at(minutes), deliver: false });
const act = (id: number | string, body: unknown, user = "platform") =>
  call(fleetAct, `/api/alerts/${id}`, params({ alertId: String(id) }), { method: "POST", user, body });
const systemAlerts = () =>
  q(
    `SELECT state, held, acknowledged_by FROM alerts WHERE system_id IN (${ids.join(", ")}) AND state != 'resolved' ORDER BY id`,
  );

beforeAll(async () => {
  t = await createTestDb();
  vendor = registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  await insertTestUser(t.db, "platform", { admin: true });
  await insertTestUser(t.db, "owner");
  for (let i = 0; i < 6; i++) {
    const id = await insertTestSystem(t.db, { owner: "owner" });
    ids.push(id);
    await q(
      "UPDATE alert_rules SET params = '{\"afterMinutes\":1}', escalate_after_ms = 60000 WHERE system_id = ? AND kind = 'offline'",
      [id],
    );
    await q(
      "INSERT INTO alert_channels (system_id, type, target, created_at, updated_at) VALUES (?, 'email', 'o@example.com', 0, 0)",
      [id],
    );
    await pollSystem(id, { now: at(0), force: true });
    const [site] = await q("SELECT vendor_site_id FROM systems WHERE id = ?", [id]);
    vendor.behaviour.set(String(site.vendor_site_id), { error: new VendorError("NETWORK", "down") });
    await pollSystem(id, { now: at(3), force: true });
  }
  expect((await run(5)).outagesOpened).toEqual(["testvendor"]);
  outageId = Number((await q("SELECT id FROM alerts WHERE system_id IS NULL AND state = 'active'"))[0].id);
});
afterAll(() => t.cleanup());

describe("POST /api/alerts/{alertId} (fleet action)", () => {
  it.each([
    ["someone not a platform admin", () => outageId, { action: "acknowledge" }, "owner", 403, /Platform admins only/],
    ["an unknown action", () => outageId, { action: "snooze" }, "platform", 400, /acknowledge or resolve/],
    ["an extra field", () => outageId, { action: "acknowledge", all: true }, "platform", 400, /Invalid/],
    ["a bad id", () => "abc", { action: "acknowledge" }, "platform", 400, /alert id must be a number/],
    ["an unknown alert", () => 999999, { action: "acknowledge" }, "platform", 404, /Alert not found/],
  ])("refuses %s", async (_what, id, body, user, status, message) => {
    const res = await act(id(), body, user);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body.error)).toMatch(message);
    expect(await q("SELECT count(*) AS n FROM alerts WHERE acknowledged_at IS NOT NULL")).toEqual([{ n: 0 }]);
  });

  it("refuses a system's own alert: it is acted on under its system", async () => {
    const [own] = await q("SELECT id FROM alerts WHERE system_id = ?", [ids[0]]);
    const res = await act(Number(own.id), { action: "acknowledge" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Only a vendor-outage alert/);
  });

  it("acknowledging the outage acknowledges every system alert it holds back, once, with who and when", async () => {
    const res = await act(outageId, { action: "acknowledge" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ alert: { id: outageId, state: "acknowledged" }, systemAlerts: 6 });
    expect(await systemAlerts()).toEqual(
      ids.map(() => ({ state: "acknowledged", held: 1, acknowledged_by: "platform" })),
    );
    const [{ n }] = await q(
      "SELECT count(*) AS n FROM alert_transitions WHERE action = 'acknowledge' AND actor = 'platform' AND note = ?",
      [`with vendor outage alert ${outageId}`],
    );
    expect(n).toBe(6);
    expect((await act(outageId, { action: "acknowledge" })).status).toBe(409);

    // The outage stays open while the vendor is down; acknowledged alerts neither escalate nor mail anyone.
    expect(await run(10)).toMatchObject({ escalated: 0, outagesOpened: [], outagesClosed: [] });
    expect(await q("SELECT count(*) AS n FROM alert_deliveries")).toEqual([{ n: 0 }]);
  });

  it("resolving the outage releases its system alerts, acknowledged, without mailing them", async () => {
    const res = await act(outageId, { action: "resolve" });
    expect(res.status).toBe(200);
    expect(res.body.alert).toMatchObject({ state: "resolved", resolvedBy: "platform" });
    expect(await systemAlerts()).toEqual(
      ids.map(() => ({ state: "acknowledged", held: 0, acknowledged_by: "platform" })),
    );
    expect((await act(outageId, { action: "resolve" })).status).toBe(409);
    // Still down: the evaluator raises a new outage; the released alerts stay acknowledged and unsent.
    await run(11);
    expect(await systemAlerts()).toEqual(
      ids.map(() => ({ state: "acknowledged", held: 0, acknowledged_by: "platform" })),
    );
    expect(await q("SELECT count(*) AS n FROM alert_deliveries")).toEqual([{ n: 0 }]);
  });
});
