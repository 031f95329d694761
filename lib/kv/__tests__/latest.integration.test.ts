import { createServer } from "node:net";
import { resetEnv } from "@/lib/env";
import { getLatest, kvKey, latestKey, resetKv } from "@/lib/kv";
import { getSubscriptions, getUserIdByUsername, setSubscriptions, setUsername } from "@/lib/kv/lookups";
import { pollSystem } from "@/lib/polling";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { startUpstashBridge, type UpstashBridge } from "@/test/helpers/upstash-bridge";
import { insertTestSystem, registerTestVendor, type TestVendor } from "@/test/helpers/test-vendor";

const NOW = new Date(Date.UTC(2025, 5, 1, 2, 0, 0));
let t: TestDb;
let bridge: UpstashBridge;
let vendor: TestVendor;
// A namespace of our own inside "test:", so parallel suites sharing the Redis never see each other's keys.
const PREFIX = `test:latest:system:`;
const systemIds: number[] = [];

function useKv(url: string, token: string) {
  process.env.KV_REST_API_URL = url;
  process.env.KV_REST_API_TOKEN = token;
  process.env.KV_NAMESPACE = "test";
  resetEnv();
  resetKv();
}

async function freePortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  t = await createTestDb();
  bridge = await startUpstashBridge();
  vendor = registerTestVendor();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
});
afterAll(async () => {
  for (const id of systemIds) await bridge.redis.del(`${PREFIX}${id}`);
  await bridge.redis.del(["test:subscriptions:system:999999", "test:username:kv-bridge-user"]);
  await bridge.close();
  delete process.env.KV_REST_API_URL;
  delete process.env.KV_REST_API_TOKEN;
  resetEnv();
  resetKv();
  t.cleanup();
});
beforeEach(() => vendor.reset());

async function newSystem() {
  const id = await insertTestSystem(t.db);
  systemIds.push(id);
  await bridge.redis.del(`${PREFIX}${id}`); // a leftover from an earlier run of the same ids
  return id;
}

describe("latest values through the Upstash REST protocol", () => {
  it("a poll writes the latest hash; getLatest reads it from KV", async () => {
    useKv(bridge.url, bridge.token);
    const id = await newSystem();
    await pollSystem(id, { now: NOW });
    expect(kvKey(latestKey(id))).toBe(`${PREFIX}${id}`);
    const hash = await bridge.redis.hGetAll(`${PREFIX}${id}`);
    expect(Object.keys(hash).sort()).toEqual([
      "bidi.battery/power",
      "bidi.battery/soc",
      "point:5",
      "source.solar/energy",
      "source.solar/power",
    ]);
    expect(JSON.parse(hash["bidi.battery/power"])).toMatchObject({
      value: -500, // transform i applied for display
      measurementTimeMs: NOW.getTime(),
      unit: "W",
      displayName: "Battery",
      pointId: 2,
    });
    const latest = await getLatest(id);
    expect(latest.source).toBe("kv");
    expect(latest.lastUpdateMs).toBe(NOW.getTime());
    expect(latest.points.find((p) => p.path === "bidi.battery/power")?.value).toBe(-500);
    expect(latest.points.find((p) => p.pointId === 5)?.valueStr).toEqual(expect.any(String));
  });

  it("a back-fill at a past time never overwrites newer cached values", async () => {
    useKv(bridge.url, bridge.token);
    const id = await newSystem();
    await pollSystem(id, { now: NOW });
    await pollSystem(id, { now: new Date(NOW.getTime() - 3_600_000), force: true });
    const latest = await getLatest(id);
    expect(latest.points.every((p) => p.measurementTimeMs === NOW.getTime())).toBe(true);
  });

  it("an empty cache falls back to the database and warms the cache", async () => {
    useKv(bridge.url, bridge.token);
    const id = await newSystem();
    await pollSystem(id, { now: NOW });
    await bridge.redis.del(`${PREFIX}${id}`);
    const fromDb = await getLatest(id);
    expect(fromDb.source).toBe("db");
    expect(fromDb.points).toHaveLength(5);
    expect((await getLatest(id)).source).toBe("kv");
    expect((await getLatest(id)).points).toEqual(fromDb.points);
  });

  it("subscriptions and usernames round-trip", async () => {
    useKv(bridge.url, bridge.token);
    expect(await setSubscriptions(999999, ["12", "13"])).toBe(true);
    expect((await getSubscriptions(999999))?.sort()).toEqual(["12", "13"]);
    expect(await setUsername("KV-Bridge-User", "user_1")).toBe(true);
    expect(await getUserIdByUsername("kv-bridge-user")).toBe("user_1");
  });

  it("with Redis unreachable, polls succeed, reads come from the DB, and the warning is logged once", async () => {
    useKv(await freePortUrl(), "whatever");
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const id = await newSystem();
    for (let i = 0; i < 3; i++) {
      const r = await pollSystem(id, { now: new Date(NOW.getTime() + i * 60_000) });
      expect(r.status).toBe("succeeded");
    }
    const latest = await getLatest(id);
    expect(latest.source).toBe("db");
    expect(latest.lastUpdateMs).toBe(NOW.getTime() + 120_000);
    expect(latest.points.find((p) => p.path === "bidi.battery/power")?.value).toBe(-500);
    expect(warn.mock.calls.filter((c) => String(c[0]).includes("KV"))).toHaveLength(1);
    warn.mockRestore();
  });

  it("without KV configuration everything works from the database", async () => {
    delete process.env.KV_REST_API_URL;
    delete process.env.KV_REST_API_TOKEN;
    resetEnv();
    resetKv();
    const id = await newSystem();
    expect((await pollSystem(id, { now: NOW })).status).toBe("succeeded");
    expect((await getLatest(id)).source).toBe("db");
  });
});
