import { getPollHealth } from "@/lib/admin";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";

let t: TestDb;
const NOW = new Date("2026-05-01T12:30:00Z");
const HOUR = 3_600_000;
const hourStart = Math.floor(NOW.getTime() / HOUR) * HOUR;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

async function session(
  systemId: number,
  vendor: string,
  started: number,
  duration: number,
  ok: boolean | null,
  code?: string,
) {
  await t.db.$client.execute({
    sql:
      "INSERT INTO sessions (system_id, vendor_type, cause, started, duration, successful, error_code, created_at) " +
      "VALUES (?, ?, 'CRON', ?, ?, ?, ?, ?)",
    args: [systemId, vendor, started, duration, ok === null ? null : ok ? 1 : 0, code ?? null, started],
  });
}

describe("poll health", () => {
  it("gives per vendor and hour the error rate, p50 / p95 durations and error classes; and who fails now", async () => {
    const a = await insertTestSystem(t.db, { siteId: "h-a" });
    const b = await insertTestSystem(t.db, { siteId: "h-b" });
    // Vendor "alpha", this hour: durations 1..20 (×10 ms), 4 failures (2 TIMEOUT, 2 AUTH), 1 pending.
    for (let i = 1; i <= 20; i++) {
      const ok = i > 4;
      await session(a, "alpha", hourStart + i * 1000, i * 10, ok, ok ? undefined : i % 2 ? "TIMEOUT" : "AUTH");
    }
    await session(a, "alpha", hourStart + 30_000, 5, null);
    // The hour before: all good. Four days ago: outside the window.
    for (let i = 0; i < 4; i++) await session(a, "alpha", hourStart - HOUR + i * 1000, 100, true);
    await session(b, "beta", hourStart - 96 * HOUR, 100, false, "OLD");
    await session(b, "beta", hourStart - 2 * HOUR, 300, false, "RATE_LIMIT");
    await t.db.$client.execute({
      sql:
        "INSERT INTO polling_status (system_id, consecutive_errors, last_error_code, last_error_time, updated_at) " +
        "VALUES (?, 3, 'RATE_LIMIT', ?, 0), (?, 0, NULL, NULL, 0)",
      args: [b, hourStart - 2 * HOUR, a],
    });

    const health = await getPollHealth(3, NOW);
    expect(health.vendors.map((v) => v.vendor)).toEqual(["alpha", "beta"]);
    const alpha = health.vendors[0];
    expect(alpha.sessions).toBe(25);
    expect(alpha.successRatePct).toBe(83.3); // 20 good of 24 finished
    expect(alpha.errors).toEqual({ AUTH: 2, TIMEOUT: 2 });
    expect(alpha.hours.map((h) => h.hourMs)).toEqual([hourStart - HOUR, hourStart]);
    const now = alpha.hours[1];
    expect(now).toMatchObject({ sessions: 21, succeeded: 16, failed: 4, pending: 1, errorRatePct: 20 });
    // 21 durations: 5, 10, 20 … 200; nearest rank 11 → 100, rank 20 → 190.
    expect([now.p50Ms, now.p95Ms]).toEqual([100, 190]);
    expect(alpha.hours[0]).toMatchObject({ sessions: 4, errorRatePct: 0, p50Ms: 100, p95Ms: 100 });
    const beta = health.vendors[1];
    expect(beta).toMatchObject({ sessions: 1, successRatePct: 0, errors: { RATE_LIMIT: 1 } });
    expect(health.failingNow).toEqual([
      expect.objectContaining({ id: b, vendor: "testvendor", consecutiveErrors: 3, lastErrorCode: "RATE_LIMIT" }),
    ]);
  });
});
