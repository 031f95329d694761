import { pollDueSystems, pollSystem } from "@/lib/polling";
import { decryptJson } from "@/lib/crypto/secrets";
import { VendorError, withVendorState } from "@/lib/vendors/types";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, registerTestVendor, type TestVendor } from "@/test/helpers/test-vendor";

const NOW = new Date(Date.UTC(2025, 5, 1, 2, 0, 0));
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
let t: TestDb;
let vendor: TestVendor;

const q = async (sql: string, args: unknown[] = []) =>
  (await t.db.$client.execute({ sql, args: args as never })).rows.map((r) => ({ ...r }));
const status = async (id: number) => (await q("SELECT * FROM polling_status WHERE system_id = ?", [id]))[0];
const sessionsOf = async (id: number) => q("SELECT * FROM sessions WHERE system_id = ? ORDER BY id", [id]);
const siteOf = async (id: number) =>
  String((await q("SELECT vendor_site_id FROM systems WHERE id = ?", [id]))[0].vendor_site_id);

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

describe("pollSystem", () => {
  it("stores every point, records a session and polling status; the same data again adds no rows", async () => {
    const id = await insertTestSystem(t.db);
    const first = await pollSystem(id, { now: NOW, cause: "ADMIN" });
    expect(first).toMatchObject({ status: "succeeded", ingest: { readingsInserted: 5, pointsCreated: 5 } });
    expect(vendor.calls[0].credentials).toEqual({ apiKey: "k" });
    const again = await pollSystem(id, { now: NOW, cause: "ADMIN" });
    expect(again).toMatchObject({ status: "succeeded", ingest: { readingsInserted: 0, pointsCreated: 0 } });
    expect(await q("SELECT COUNT(*) AS n FROM point_readings WHERE system_id = ?", [id])).toEqual([{ n: 5 }]);
    const sessions = await sessionsOf(id);
    expect(sessions.map((s) => [s.cause, s.successful, s.num_rows, s.started])).toEqual([
      ["ADMIN", 1, 5, NOW.getTime()],
      ["ADMIN", 1, 0, NOW.getTime()],
    ]);
    expect(await status(id)).toMatchObject({
      last_poll_time: NOW.getTime(),
      last_success_time: NOW.getTime(),
      total_polls: 2,
      successful_polls: 2,
      consecutive_errors: 0,
      lease_owner: null,
      lease_until: null,
    });
  });

  it("back-fills with a past `now` without moving the live last-poll time backwards", async () => {
    const id = await insertTestSystem(t.db);
    await pollSystem(id, { now: NOW });
    for (let m = -30; m < 0; m++) await pollSystem(id, { now: at(m), cause: "ADMIN", force: true });
    expect(
      await q("SELECT COUNT(DISTINCT measurement_time) AS n FROM point_readings WHERE system_id = ?", [id]),
    ).toEqual([{ n: 31 }]);
    expect((await status(id)).last_poll_time).toBe(NOW.getTime());
    const fiveMinute = await q("SELECT COUNT(*) AS n FROM point_readings_agg_5m WHERE system_id = ? AND point_id = 1", [
      id,
    ]);
    expect(fiveMinute[0].n).toBe(7); // 01:30 … 02:00, each interval end once
  });

  it("records CONFIG failures for missing or undecryptable credentials", async () => {
    const missing = await insertTestSystem(t.db, { credentials: null });
    const garbled = await insertTestSystem(t.db);
    await t.db.$client.execute({
      sql: "UPDATE vendor_credentials SET credentials = 'v1.k1.xx.yy.zz' WHERE system_id = ?",
      args: [garbled],
    });
    for (const id of [missing, garbled]) {
      const r = await pollSystem(id, { now: NOW });
      expect(r).toMatchObject({ status: "failed", errorCode: "CONFIG" });
      expect((await sessionsOf(id))[0]).toMatchObject({ successful: 0, error_code: "CONFIG" });
      expect(await status(id)).toMatchObject({ last_error_code: "CONFIG", consecutive_errors: 1 });
    }
    expect(vendor.calls).toHaveLength(0);
  });

  it("times out a slow vendor and stores new state encrypted", async () => {
    const slow = await insertTestSystem(t.db);
    vendor.behaviour.set(await siteOf(slow), { delayMs: 5_000 });
    const r = await pollSystem(slow, { now: NOW, timeoutMs: 150 });
    expect(r).toMatchObject({ status: "failed", errorCode: "TIMEOUT" });
    expect(r.durationMs).toBeLessThan(2_000);

    const stateful = await insertTestSystem(t.db);
    vendor.behaviour.set(await siteOf(stateful), {
      state: { cookie: "abc" },
      response: { password: "hunter2", soc: 5 },
    });
    await pollSystem(stateful, { now: NOW });
    const [cred] = await q("SELECT state FROM vendor_credentials WHERE system_id = ?", [stateful]);
    expect(decryptJson(String(cred.state))).toEqual({ cookie: "abc" });
    expect(JSON.parse(String((await sessionsOf(stateful))[0].response))).toEqual({ password: "[redacted]", soc: 5 });
  });

  it("keeps the state an adapter obtained before it failed, and the failure is still recorded", async () => {
    const id = await insertTestSystem(t.db);
    vendor.behaviour.set(await siteOf(id), {
      error: withVendorState(new VendorError("NO_DATA", "no readings after a fresh login"), {
        cookie: "fresh",
      }) as Error,
    });
    const r = await pollSystem(id, { now: NOW });
    expect(r).toMatchObject({ status: "failed", errorCode: "NO_DATA" });
    const [cred] = await q("SELECT state FROM vendor_credentials WHERE system_id = ?", [id]);
    expect(decryptJson(String(cred.state))).toEqual({ cookie: "fresh" });
    expect(await status(id)).toMatchObject({ last_error_code: "NO_DATA", consecutive_errors: 1 });

    // A failure with nothing attached leaves the saved state alone.
    vendor.behaviour.set(await siteOf(id), { error: new VendorError("HTTP_ERROR", "HTTP 500") });
    await pollSystem(id, { now: at(1), force: true });
    const [after] = await q("SELECT state FROM vendor_credentials WHERE system_id = ?", [id]);
    expect(decryptJson(String(after.state))).toEqual({ cookie: "fresh" });
    expect(vendor.calls.at(-1)?.state).toEqual({ cookie: "fresh" });
  });
});

describe("pollDueSystems", () => {
  it("polls due systems; a failing and a throwing system record failures while the others succeed", async () => {
    const ok1 = await insertTestSystem(t.db);
    const bad = await insertTestSystem(t.db);
    const boom = await insertTestSystem(t.db);
    const ok2 = await insertTestSystem(t.db);
    vendor.behaviour.set(await siteOf(bad), {
      error: new VendorError("AUTH_FAILED", "Wrong password", {
        response: { token: "x", status: 401 },
        retryAfterMs: 300_000,
      }),
    });
    vendor.behaviour.set(await siteOf(boom), { error: new TypeError("adapter bug") });
    const summary = await pollDueSystems({ now: NOW });
    expect(summary).toMatchObject({ considered: 4, due: 4, polled: 4, succeeded: 2, failed: 2, deferred: 0 });
    expect(await status(bad)).toMatchObject({
      last_error_code: "AUTH_FAILED",
      consecutive_errors: 1,
      next_poll_at: at(5).getTime(),
    });
    expect(await status(boom)).toMatchObject({ next_poll_at: NOW.getTime() + 30_000 });
    expect(await status(boom)).toMatchObject({ last_error_code: "INTERNAL", last_error: "adapter bug" });
    expect(JSON.parse(String((await sessionsOf(bad))[0].response))).toEqual({ token: "[redacted]", status: 401 });
    for (const id of [ok1, ok2]) expect(await status(id)).toMatchObject({ successful_polls: 1, last_error: null });

    // A minute later all are due by schedule, but the one told to retry after 5 minutes waits.
    const next = await pollDueSystems({ now: at(1) });
    expect(next.results.map((r) => r.systemId).sort()).toEqual([ok1, boom, ok2].sort());
  });

  it("honours Retry-After and doubles the back-off on consecutive errors", async () => {
    const id = await insertTestSystem(t.db);
    vendor.behaviour.set(await siteOf(id), {
      error: new VendorError("RATE_LIMITED", "slow down", { status: 429, retryAfterMs: 10 * 60_000 }),
    });
    await pollDueSystems({ now: NOW });
    expect((await status(id)).next_poll_at).toBe(at(10).getTime());
    expect((await pollDueSystems({ now: at(9) })).due).toBe(0);
    vendor.behaviour.set(await siteOf(id), { error: new VendorError("NETWORK", "down") });
    expect((await pollDueSystems({ now: at(10) })).failed).toBe(1);
    expect(await status(id)).toMatchObject({ consecutive_errors: 2, next_poll_at: at(11).getTime() });
  });

  it("after a run killed mid-poll: its open session is closed as failed, its stale lease expires, polling goes on", async () => {
    const id = await insertTestSystem(t.db);
    const insertOpen = (startedMs: number) =>
      q(
        "INSERT INTO sessions (system_id, vendor_type, cause, started, duration, successful, num_rows, created_at) " +
          "SELECT id, vendor_type, 'CRON', ?, 0, NULL, 0, ? FROM systems WHERE id = ? RETURNING id",
        [startedMs, startedMs, id],
      );
    const [killed] = await insertOpen(at(-20).getTime()); // the dead run's poll (kill -9 before it finished)
    const [running] = await insertOpen(at(-1).getTime()); // a poll another run may still finish
    await q("UPDATE polling_status SET lease_owner = 'dead-run', lease_until = ? WHERE system_id = ?", [
      Date.now() - 1,
      id,
    ]);
    const summary = await pollDueSystems({ now: NOW });
    expect(summary).toMatchObject({ succeeded: 1, interrupted: 1 });
    const rows = await sessionsOf(id);
    expect(rows.find((r) => r.id === killed.id)).toMatchObject({
      successful: 0,
      error_code: "INTERRUPTED",
      duration: 20 * 60_000,
    });
    expect(rows.find((r) => r.id === running.id)).toMatchObject({ successful: null });
    expect(rows.filter((r) => r.successful === 1)).toHaveLength(1);
    expect((await pollDueSystems({ now: at(1) })).interrupted).toBe(0); // done once
    await q("DELETE FROM sessions WHERE id = ?", [running.id]);
  });

  it("never polls a system twice when two runs overlap (lease)", async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await insertTestSystem(t.db));
    for (const id of ids) vendor.behaviour.set(await siteOf(id), { delayMs: 80 });
    const [a, b] = await Promise.all([pollDueSystems({ now: NOW }), pollDueSystems({ now: NOW })]);
    expect(a.succeeded + b.succeeded).toBe(6);
    expect(a.skippedLeased + b.skippedLeased).toBe(6);
    const perSystem = new Map<number, number>();
    for (const c of vendor.calls) perSystem.set(c.systemId, (perSystem.get(c.systemId) ?? 0) + 1);
    expect([...perSystem.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await q("SELECT COUNT(*) AS n FROM polling_status WHERE lease_owner IS NOT NULL")).toEqual([{ n: 0 }]);
  });

  it("defers what does not start within the time budget; deferred systems go first next run", async () => {
    const limited = registerTestVendor({ concurrency: 1 }); // same vendor type, now one call at a time
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await insertTestSystem(t.db));
    for (const id of ids) limited.behaviour.set(await siteOf(id), { delayMs: 120 });
    const first = await pollDueSystems({ now: NOW, budgetMs: 200 });
    expect(first.succeeded).toBeGreaterThanOrEqual(1);
    expect(first.deferred).toBeGreaterThanOrEqual(2);
    expect(first.succeeded + first.deferred).toBe(5);
    const deferred = first.results.filter((r) => r.status === "deferred").map((r) => r.systemId);
    limited.calls.length = 0;
    const second = await pollDueSystems({ now: at(0.5), budgetMs: 200 });
    expect(second.results.filter((r) => r.status === "succeeded").map((r) => r.systemId)).toEqual(
      deferred.slice(0, second.succeeded),
    );
    expect(limited.maxConcurrent).toBe(1);
    vendor = registerTestVendor();
  });

  it("splits systems across shards by id", async () => {
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await insertTestSystem(t.db));
    const s0 = await pollDueSystems({ now: NOW, shard: { index: 0, of: 2 } });
    const s1 = await pollDueSystems({ now: NOW, shard: { index: 1, of: 2 } });
    expect(s0.considered + s1.considered).toBe(4);
    expect(s0.results.every((r) => r.systemId % 2 === 0)).toBe(true);
  });
});
