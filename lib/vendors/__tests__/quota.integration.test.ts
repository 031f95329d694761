import { createTestDb, type TestDb } from "@/test/helpers/db";
import {
  callsLeft,
  callsLeftForSystem,
  formatWait,
  quotaAccountKey,
  reserveCall,
  reserveCalls,
  solarEdgeSiteKey,
  windowOf,
} from "../quota";
import { vendorFailure } from "@/test/helpers/vendor-errors";

let t: TestDb;
const T = Date.parse("2025-12-15T02:30:10Z");
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const failure = vendorFailure;

describe("vendor quota ledger", () => {
  it("hashes secrets into account keys and never stores them", async () => {
    const key = quotaAccountKey("super-secret-api-key");
    expect(key).toMatch(/^h:[0-9a-f]{24}$/);
    expect(key).not.toContain("super-secret");
    await reserveCall("solaredge", key, { perDay: 5 }, new Date(T));
    const rows = await t.db.$client.execute("SELECT * FROM vendor_quota");
    expect(JSON.stringify(rows.rows)).not.toContain("super-secret");
  });

  it.each([
    ["minute", T, Date.parse("2025-12-15T02:30:00Z"), Date.parse("2025-12-15T02:31:00Z")],
    ["day", T, Date.parse("2025-12-15T00:00:00Z"), Date.parse("2025-12-16T00:00:00Z")],
    ["month", T, Date.parse("2025-12-01T00:00:00Z"), Date.parse("2026-01-01T00:00:00Z")],
  ] as const)("puts %s windows on UTC boundaries", (period, now, start, end) => {
    expect(windowOf(period, now)).toEqual({ startMs: start, endMs: end });
  });

  it("stops at the per-minute limit and lets calls through again the next minute", async () => {
    const key = "test:minute";
    const limits = { perMinute: 10, perMonth: 1000 };
    for (let i = 0; i < 10; i++) await reserveCall("enphase", key, limits, new Date(T + i * 1000));
    const err = await failure(reserveCall("enphase", key, limits, new Date(T + 20_000)));
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.message).toMatch(/Enphase API quota used up: 10 calls per minute/);
    expect(err.options.retryAfterMs).toBe(Date.parse("2025-12-15T02:31:00Z") - (T + 20_000));
    // The refused call was not counted.
    const left = await callsLeft("enphase", key, new Date(T + 20_000), limits);
    expect(left.find((w) => w.period === "month")).toMatchObject({ used: 10, left: 990 });
    await reserveCall("enphase", key, limits, new Date(T + MIN));
  });

  it("stops at the monthly limit until the month ends", async () => {
    const key = "test:month";
    const limits = { perMinute: 10, perMonth: 25 };
    for (let i = 0; i < 25; i++) await reserveCall("enphase", key, limits, new Date(T + i * MIN));
    const err = await failure(reserveCall("enphase", key, limits, new Date(T + 30 * MIN)));
    expect(err.message).toMatch(/25 calls per month/);
    expect(err.options.retryAfterMs).toBe(Date.parse("2026-01-01T00:00:00Z") - (T + 30 * MIN));
    await reserveCall("enphase", key, limits, new Date(Date.parse("2026-01-01T00:00:00Z")));
  });

  it("counts a call against the key and the site together, all or nothing", async () => {
    const apiKey = quotaAccountKey("k1");
    const limits = { perDay: 3 };
    const site = (id: string) => ({ accountKey: solarEdgeSiteKey(id), limits });
    await reserveCalls("solaredge", [{ accountKey: apiKey, limits }, site("A")], new Date(T));
    await reserveCalls("solaredge", [{ accountKey: apiKey, limits }, site("A")], new Date(T));
    await reserveCalls("solaredge", [{ accountKey: apiKey, limits }, site("B")], new Date(T));
    const err = await failure(reserveCalls("solaredge", [{ accountKey: apiKey, limits }, site("B")], new Date(T)));
    expect(err.code).toBe("RATE_LIMITED");
    // B was not charged for the refused call.
    expect((await callsLeft("solaredge", solarEdgeSiteKey("B"), new Date(T), limits))[0]).toMatchObject({ used: 1 });
    expect(await callsLeftForSystem({ vendorType: "solaredge", vendorSiteId: "A" }, new Date(T))).toEqual([
      { period: "day", limit: 300, used: 2, left: 298, resetsAtMs: Date.parse("2025-12-16T00:00:00Z") },
    ]);
    expect(await callsLeftForSystem({ vendorType: "selectronic", vendorSiteId: "1" })).toBeNull();
  });

  it("never lets concurrent callers take more than the limit", async () => {
    const limits = { perDay: 20 };
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => reserveCall("solaredge", "test:race", limits, new Date(T))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
  });

  it("prunes old minute windows", async () => {
    const limits = { perMinute: 10 };
    await reserveCall("enphase", "test:prune", limits, new Date(T - 3 * 3_600_000));
    await reserveCall("enphase", "test:prune", limits, new Date(T));
    const rows = await t.db.$client.execute("SELECT count(*) AS n FROM vendor_quota WHERE account_key = 'test:prune'");
    expect(Number(rows.rows[0].n)).toBe(1);
  });

  it("formats waits for people", () => {
    expect([45_000, 12 * MIN, 185 * MIN, 4 * 86_400_000].map(formatWait)).toEqual([
      "45 s",
      "12 min",
      "3 h 5 min",
      "4 days",
    ]);
  });
});
