import { randomUUID } from "node:crypto";
import { resetEnv } from "@/lib/env";
import { resetKv } from "@/lib/kv";
import { startUpstashBridge, type UpstashBridge } from "@/test/helpers/upstash-bridge";
import { rateLimit, resetRateLimits } from "..";

let bridge: UpstashBridge;
const key = `rl-${randomUUID()}`;

beforeAll(async () => {
  bridge = await startUpstashBridge();
  process.env.KV_REST_API_URL = bridge.url;
  process.env.KV_REST_API_TOKEN = bridge.token;
  process.env.KV_NAMESPACE = "test";
  resetEnv();
  resetKv();
});
afterAll(async () => {
  await bridge.flushPrefix(`test:ratelimit:${key}`);
  await bridge.close();
  delete process.env.KV_REST_API_URL;
  delete process.env.KV_REST_API_TOKEN;
  resetEnv();
  resetKv();
});

describe("rateLimit (Upstash Redis)", () => {
  it("shares the count through Redis (not process memory) and sets an expiry", async () => {
    const nowMs = Date.now();
    const oks = [];
    for (let i = 0; i < 3; i++) {
      resetRateLimits(); // memory is wiped each time: only Redis can remember the count
      oks.push((await rateLimit({ key, limit: 2, windowMs: 60_000, nowMs })).ok);
    }
    expect(oks).toEqual([true, true, false]);
    const window = Math.floor(nowMs / 60_000);
    const ttl = await bridge.redis.pTTL(`test:ratelimit:${key}:${window}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(61_000);
  });
});
