import { existsSync, readFileSync } from "node:fs";
import { hashSecret } from "@/lib/crypto/secrets";
import { resetRateLimits } from "@/lib/rate-limit";
import { call, counts, params } from "@/lib/systems/__tests__/request";
import { rotatePushKey } from "@/lib/polling/push";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { POST } from "../route";

let t: TestDb;
let id: number;
let secret: string;
const TS = "2025-12-15T02:30:00Z";
const T = Date.parse(TS);

const push = (body: unknown, extra: { rawBody?: string } = {}) =>
  call(POST, "/api/push/fronius", params({ vendor: "fronius" }), { method: "POST", body, ...extra });
const store = (over: Record<string, unknown> = {}) => ({
  apiKey: secret,
  action: "store",
  timestamp: TS,
  sequence: "42",
  solarW: 4200.5,
  solarLocalW: 3000,
  solarRemoteW: 1200.5,
  loadW: 1500,
  batteryW: -2000, // charging
  gridW: -700.5, // exporting
  batterySOC: 71.5,
  faultCode: 0,
  faultTimestamp: 0,
  generatorStatus: 0,
  solarWhInterval: 70.01,
  loadWhInterval: 25,
  batteryInWhInterval: 33.3,
  batteryOutWhInterval: 0,
  gridInWhInterval: 0,
  gridOutWhInterval: 11.7,
  ...over,
});
const q = async (sql: string, args: Array<string | number> = [id]) =>
  (await t.db.$client.execute({ sql, args })).rows.map((r) => ({ ...r }));
const readings = () =>
  q(
    "SELECT p.origin_id, p.type, p.subtype, p.extension, p.metric_type, p.metric_unit, r.value, r.value_str, r.measurement_time " +
      "FROM point_readings r JOIN point_info p ON p.system_id = r.system_id AND p.id = r.point_id WHERE r.system_id = ? " +
      "ORDER BY p.origin_id",
  );

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.useFakeTimers({
    doNotFake: ["nextTick", "setImmediate", "setTimeout", "setInterval", "queueMicrotask"],
    now: T + 30_000,
  });
  id = await insertTestSystem(t.db, { vendorType: "fronius", siteId: "fronius-abc", credentials: {} });
  secret = (await rotatePushKey(id, "fronius"))!.secret;
});
afterAll(() => {
  jest.useRealTimers();
  t.cleanup();
});
beforeEach(() => resetRateLimits());

describe("POST /api/push/fronius", () => {
  it.each<[string, unknown, string | undefined, string]>([
    ["malformed JSON", undefined, "{nope", "valid JSON"],
    ["no apiKey", { action: "test" }, undefined, "apiKey must be this system's push secret"],
    ["unknown action", { apiKey: "x".repeat(40), action: "delete" }, undefined, 'action must be "test" or "store"'],
    ["store without timestamp", { ...store(), timestamp: undefined }, undefined, "timestamp is required"],
    ["timestamp without zone", { ...store(), timestamp: "2025-12-15 02:30" }, undefined, "timestamp must be ISO 8601"],
    ["SOC over 100", { ...store(), batterySOC: 150 }, undefined, "batterySOC"],
    ["power as text", { ...store(), solarW: "4200" }, undefined, "solarW must be a number of watts"],
    [
      "negative interval energy",
      { ...store(), loadWhInterval: -1 },
      undefined,
      "loadWhInterval is energy in the interval",
    ],
    ["no readings", { apiKey: "x".repeat(40), action: "store", timestamp: TS }, undefined, "at least one reading"],
  ])("%s → 400 with the field's problem, nothing written", async (_name, body, rawBody, message) => {
    const before = await counts(t.db);
    const res = await push(body, rawBody === undefined ? {} : { rawBody });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(await counts(t.db)).toEqual(before);
  });

  it("answers 404 at the push address of a vendor that does not push, writing nothing", async () => {
    const before = await counts(t.db);
    for (const vendor of ["selectronic", "composite", "no-such-vendor"]) {
      const res = await call(POST, `/api/push/${vendor}`, params({ vendor }), { method: "POST", body: store() });
      expect(res.status).toBe(404);
    }
    expect(await counts(t.db)).toEqual(before);
  });

  it("refuses an unknown key (and the site id) with 401, and a future timestamp with 400, writing nothing", async () => {
    const before = await counts(t.db);
    expect((await push(store({ apiKey: "not-the-secret-at-all-000000" }))).status).toBe(401);
    expect((await push(store({ apiKey: "fronius-abc-fronius-abc" }))).status).toBe(401);
    const future = await push(store({ timestamp: "2025-12-15T03:00:00Z" }));
    expect(future.status).toBe(400);
    expect(future.body.error.message).toContain("future");
    expect(await counts(t.db)).toEqual(before);
  });

  it("answers a test push with the system's name, a PUSH session and no data", async () => {
    const res = await push({ apiKey: secret, action: "test" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, action: "test", systemId: id, systemName: "Test system" });
    const [session] = await q(
      "SELECT cause, successful, num_rows, session_label, response FROM sessions WHERE id = ?",
      [res.body.sessionId],
    );
    expect(session).toMatchObject({ cause: "PUSH", successful: 1, num_rows: 0, session_label: "test" });
    expect(String(session.response)).not.toContain(secret);
    expect(await readings()).toEqual([]);
    const [status] = await q("SELECT last_success_time, total_polls FROM polling_status WHERE system_id = ?");
    expect(status).toMatchObject({ last_success_time: T + 30_000, total_polls: 1 });
  });

  it("stores a push in canonical units and signs at its timestamp, labelled with its sequence", async () => {
    const res = await push(store());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, action: "store", stored: 14, duplicate: false });
    const rows = Object.fromEntries((await readings()).map((r) => [String(r.origin_id), r]));
    expect(Object.keys(rows)).toHaveLength(14); // fault code and time 0 mean "no fault": not stored
    for (const r of Object.values(rows)) expect(r.measurement_time).toBe(T);
    expect(rows.batteryW).toMatchObject({ type: "bidi", subtype: "battery", metric_unit: "W", value: -2000 });
    expect(rows.gridW).toMatchObject({ type: "bidi", subtype: "grid", value: -700.5 });
    expect(rows.solarW).toMatchObject({ type: "source", subtype: "solar", value: 4200.5 });
    expect(rows.batterySOC).toMatchObject({ metric_type: "soc", metric_unit: "%", value: 71.5 });
    expect(rows.gridOutWhInterval).toMatchObject({
      subtype: "grid",
      extension: "export",
      metric_unit: "Wh",
      value: 11.7,
    });
    const points = await q("SELECT transform FROM point_info WHERE system_id = ? AND metric_type = 'energy'");
    expect(points.map((p) => p.transform)).toEqual(Array(6).fill(null)); // interval energies, not counters
    const [session] = await q("SELECT cause, session_label, num_rows FROM sessions WHERE id = ?", [res.body.sessionId]);
    expect(session).toEqual({ cause: "PUSH", session_label: "42", num_rows: 14 });
    const [agg] = await q(
      "SELECT a.delta FROM point_readings_agg_5m a JOIN point_info p ON p.system_id = a.system_id AND p.id = a.point_id " +
        "WHERE a.system_id = ? AND p.origin_id = 'solarWhInterval'",
    );
    expect(agg.delta).toBeCloseTo(70.01, 6);
  });

  it("treats a repeated timestamp as an idempotent success, but keeps fields that are new", async () => {
    const before = (await readings()).length;
    const again = await push(store({ sequence: "43" }));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ stored: 0, duplicate: true });
    expect((await readings()).length).toBe(before);

    const ts = "2025-12-15T02:29:00Z";
    const partial = await push({ apiKey: secret, action: "store", timestamp: ts, solarW: 100 });
    expect(partial.body).toMatchObject({ stored: 1, duplicate: false });
    const full = await push(store({ timestamp: ts, faultCode: "E-311" }));
    expect(full.body).toMatchObject({ stored: 14, duplicate: false }); // 15 values, solarW already there
    const at = (await readings()).filter((r) => r.measurement_time === Date.parse(ts));
    expect(at.find((r) => r.origin_id === "solarW")?.value).toBe(100); // first write wins
    expect(at.find((r) => r.origin_id === "faultCode")?.value_str).toBe("E-311");
    const sessions = await q("SELECT COUNT(*) AS n FROM sessions WHERE system_id = ? AND cause = 'PUSH'");
    expect(Number(sessions[0].n)).toBe(5);
  });

  it("refuses disabled (403) and removed (401) systems", async () => {
    await t.db.$client.execute({ sql: "UPDATE systems SET status = 'disabled' WHERE id = ?", args: [id] });
    expect((await push({ apiKey: secret, action: "test" })).status).toBe(403);
    await t.db.$client.execute({ sql: "UPDATE systems SET status = 'removed' WHERE id = ?", args: [id] });
    expect((await push({ apiKey: secret, action: "test" })).status).toBe(401);
    await t.db.$client.execute({ sql: "UPDATE systems SET status = 'active' WHERE id = ?", args: [id] });
  });

  describe("bodies built to the published push spec (no action, siteId, sign as the spec's example)", () => {
    // The spec's complete example, numbers as published: batteryW −700 with only batteryOutWhInterval.
    const SPEC_TS = "2025-12-15T02:25:00.000Z";
    const spec = (over: Record<string, unknown> = {}) => ({
      siteId: "fronius-site-001",
      apiKey: "my-api-key",
      timestamp: SPEC_TS,
      sequence: "abcd/1",
      solarW: 2500,
      solarLocalW: 1500,
      solarRemoteW: 1000,
      loadW: 1800,
      batteryW: -700,
      gridW: 0,
      batterySOC: 85.5,
      faultCode: null,
      faultTimestamp: null,
      generatorStatus: null,
      solarWhInterval: 125,
      loadWhInterval: 90,
      batteryInWhInterval: 0,
      batteryOutWhInterval: 35,
      gridInWhInterval: 0,
      gridOutWhInterval: 0,
      ...over,
    });

    it("refuses the spec's chosen key with a 400 that says what to change, echoing nothing, writing nothing", async () => {
      const before = await counts(t.db);
      const res = await push(spec());
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("apiKey must be this system's push secret");
      expect(res.body.error.message).toContain("rotate it in the system's settings");
      expect(res.body.error.message.length).toBeLessThan(300);
      for (const echoed of ["my-api-key", "fronius-site-001", "abcd/1"]) {
        expect(JSON.stringify(res.body)).not.toContain(echoed);
      }
      expect(await counts(t.db)).toEqual(before);
    });

    it("stores a body without action as a store, ignoring siteId, and records the battery sign contradiction", async () => {
      const res = await push(spec({ apiKey: secret }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, action: "store", stored: 13, duplicate: false });
      expect(res.body.warnings).toEqual([
        expect.stringMatching(/^batteryW is negative \(charging\).*batteryOutWhInterval/),
      ]);
      const at = (await readings()).filter((r) => r.measurement_time === Date.parse(SPEC_TS));
      expect(at.find((r) => r.origin_id === "batteryW")?.value).toBe(-700); // stored as sent, not flipped
      const [session] = await q("SELECT successful, session_label, response FROM sessions WHERE id = ?", [
        res.body.sessionId,
      ]);
      expect(session).toMatchObject({ successful: 1, session_label: "abcd/1 (1 warning)" });
      expect(JSON.parse(String(session.response)).warnings).toEqual(res.body.warnings);
      expect(String(session.response)).not.toContain(secret);
    });

    it("records no warning when the signs agree with the interval energies", async () => {
      const res = await push(
        spec({ apiKey: secret, timestamp: "2025-12-15T02:24:00Z", sequence: "abcd/0", batteryW: 700 }),
      );
      expect(res.status).toBe(200);
      expect(res.body.warnings).toBeUndefined();
      const [session] = await q("SELECT session_label FROM sessions WHERE id = ?", [res.body.sessionId]);
      expect(session.session_label).toBe("abcd/0");
    });
  });

  it("rate-limits a key pushing far more than once a minute", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await push({ apiKey: secret, action: "test" })).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it("finds systems keyed the way setup stores them (metadata.pushKeyHash), and never stores the secret", async () => {
    const other = await insertTestSystem(t.db, { vendorType: "fronius", siteId: "fronius-setup", credentials: {} });
    const setupSecret = "setup-issued-secret-0123456789abcdef";
    await t.db.$client.execute({
      sql: "UPDATE systems SET metadata = ? WHERE id = ?",
      args: [JSON.stringify({ pushKeyHash: hashSecret(setupSecret), pushKeyCreatedMs: T }), other],
    });
    const res = await push({ apiKey: setupSecret, action: "test" });
    expect(res.body.systemId).toBe(other);
    const file = t.url.replace(/^file:/, "");
    for (const f of [file, `${file}-wal`].filter(existsSync)) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(setupSecret))).toBe(false);
    }
  });
});
