import { resetEnv } from "@/lib/env";
import { resetKv } from "@/lib/kv";
import { rateLimit, resetRateLimits } from "..";

beforeAll(() => {
  resetEnv();
  resetKv();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
});
beforeEach(() => resetRateLimits());

describe("rateLimit (in memory, no KV configured)", () => {
  it("allows `limit` calls per window, then refuses with the time to wait", async () => {
    const nowMs = 60_000 * 1000 + 15_000; // 15 s into a minute window
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rateLimit({ key: "t:u1", limit: 3, windowMs: 60_000, nowMs }));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3].retryAfterMs).toBe(45_000);
  });

  it("counts each key separately and starts again in the next window", async () => {
    const nowMs = 120_000 * 1000;
    for (let i = 0; i < 3; i++) await rateLimit({ key: "t:u2", limit: 3, windowMs: 60_000, nowMs });
    expect((await rateLimit({ key: "t:u2", limit: 3, windowMs: 60_000, nowMs })).ok).toBe(false);
    expect((await rateLimit({ key: "t:u3", limit: 3, windowMs: 60_000, nowMs })).ok).toBe(true);
    expect((await rateLimit({ key: "t:u2", limit: 3, windowMs: 60_000, nowMs: nowMs + 60_000 })).ok).toBe(true);
  });
});
