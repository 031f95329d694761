import { spawn, type ChildProcess } from "node:child_process";
import { createConnection, createServer } from "node:net";
import { resetEnv } from "@/lib/env";
import { getLatest, resetKv } from "@/lib/kv";
import { pollSystem } from "@/lib/polling";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, registerTestVendor, type TestVendor } from "@/test/helpers/test-vendor";
import { startUpstashBridge, type UpstashBridge } from "@/test/helpers/upstash-bridge";

// A Redis of the suite's own (redis-server on a free port, no persistence) behind the Upstash REST bridge; it is
// killed with SIGKILL between polls and started again on the same port, empty, like a cache that lost its data.
const NOW = Date.UTC(2025, 5, 1, 2, 0, 0);
const MIN = 60_000;
let t: TestDb;
let bridge: UpstashBridge;
let vendor: TestVendor;
let redis: ChildProcess | undefined;
let port: number;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const p = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return p;
}

/** Resolves once something accepts connections on the port (the Redis has started). */
async function listening(p: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ port: p, host: "127.0.0.1" }, () => {
        s.end();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not start on port ${p}`);
}

async function startRedis(): Promise<void> {
  redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await listening(port);
}

async function killRedis(): Promise<void> {
  const child = redis!;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
  redis = undefined;
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  t = await createTestDb();
  bridge = await startUpstashBridge({ redisUrl: `redis://127.0.0.1:${port}` });
  vendor = registerTestVendor();
  process.env.KV_REST_API_URL = bridge.url;
  process.env.KV_REST_API_TOKEN = bridge.token;
  process.env.KV_NAMESPACE = "test";
  resetEnv();
  resetKv();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  jest.restoreAllMocks();
  await bridge.close();
  if (redis) await killRedis();
  delete process.env.KV_REST_API_URL;
  delete process.env.KV_REST_API_TOKEN;
  resetEnv();
  resetKv();
  await t.cleanup();
});

it("Redis killed mid-run: polls carry on, reads come from the database, and the cache recovers after a restart", async () => {
  vendor.reset();
  const id = await insertTestSystem(t.db);
  const poll = async (ms: number) => expect((await pollSystem(id, { now: new Date(ms) })).status).toBe("succeeded");

  await poll(NOW);
  expect(await getLatest(id)).toMatchObject({ source: "kv", lastUpdateMs: NOW });

  await killRedis();
  await poll(NOW + MIN);
  await poll(NOW + 2 * MIN);
  const meanwhile = await getLatest(id);
  expect(meanwhile).toMatchObject({ source: "db", lastUpdateMs: NOW + 2 * MIN });
  expect(meanwhile.points.find((p) => p.path === "bidi.battery/power")?.value).toBe(-500);

  // Restarted empty; the app skips the cache for 30 s after a failure, so the clock is moved past that.
  await startRedis();
  const realNow = Date.now.bind(Date);
  jest.spyOn(Date, "now").mockImplementation(() => realNow() + 31_000);
  await poll(NOW + 3 * MIN);
  const hash = await bridge.redis.hGetAll(`test:latest:system:${id}`);
  expect(JSON.parse(hash["bidi.battery/power"])).toMatchObject({ value: -500, measurementTimeMs: NOW + 3 * MIN });
  const recovered = await getLatest(id);
  expect(recovered).toMatchObject({ source: "kv", lastUpdateMs: NOW + 3 * MIN });
  expect(recovered.points).toEqual((await getLatest(id)).points);
  await bridge.redis.del(`test:latest:system:${id}`);
});
