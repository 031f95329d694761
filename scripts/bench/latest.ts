/**
 * Benchmark 6: latest values of one system (getLatest) through Redis over the Upstash REST protocol (the test
 * bridge in front of the machine's Redis) and through the database fallback, next to the bare round trip of
 * each (one HGETALL through the same bridge; one indexed SELECT of the newest rows).
 */
import { Redis } from "@upstash/redis";
import { ingestFetchResult } from "@/lib/ingest";
import { getLatest, latestKey, resetKv } from "@/lib/kv";
import { resetEnv } from "@/lib/env";
import { startUpstashBridge, type UpstashBridge } from "@/test/helpers/upstash-bridge";
import { openBenchDb } from "./lib/bench-db";
import type { BenchOptions } from "./lib/cli";
import { pollReadings } from "./ingest";
import { progressBar } from "./lib/progress";
import { atMost, percentile, round, type BenchResult, type Figure } from "./lib/result";
import { seedPoints, seedSystems } from "./lib/seed";

const FIRST_ID = 990_001; // far above any test's ids: the keys live under test: and are deleted one by one after
const SYSTEMS = 20;
const POINTS = 15;

async function sample(n: number, label: string, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i); // warm-up
  const bar = progressBar(label, n);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
    bar.tick();
  }
  bar.stop();
  return out;
}

/** Runs the latest-values benchmark. */
export async function benchLatest(o: BenchOptions): Promise<BenchResult> {
  const t0 = performance.now();
  const db = await openBenchDb("latest");
  const ids = await seedSystems(db.client, {
    count: SYSTEMS,
    firstId: FIRST_ID,
    vendorType: "bench",
    siteId: (i) => `l${i}`,
  });
  await seedPoints(db.client, ids, POINTS);
  const now = Date.now();
  for (let m = 60; m >= 0; m--) {
    const at = now - m * 60_000;
    await Promise.all(
      ids.map((id) =>
        ingestFetchResult(
          { id, displayTimezone: "UTC" },
          { readings: pollReadings(id, POINTS, at) },
          { sessionId: null, receivedMs: at },
        ),
      ),
    );
  }
  const pick = (i: number) => ids[i % ids.length];
  const figures: Figure[] = [];
  const notes: string[] = [];

  // Database fallback (no KV configured).
  const dbTimes = await sample(o.latestSamples, "database fallback", async (i) => {
    const r = await getLatest(pick(i));
    if (r.source !== "db" || r.points.length !== POINTS)
      throw new Error(`unexpected latest answer ${r.source} ${r.points.length}`);
  });
  const rawDb = await sample(o.latestSamples, "bare SELECT", (i) =>
    db.client.execute({
      sql: "SELECT * FROM poll_readings WHERE system_id = ? ORDER BY measurement_time DESC LIMIT 1",
      args: [pick(i)],
    }),
  );
  const dbP95 = percentile(dbTimes, 95);
  figures.push({
    name: "p95 latest values, database fallback",
    value: round(dbP95, 2),
    unit: "ms",
    baseline: { name: "one bare SELECT of the newest raw row", value: round(percentile(rawDb, 95), 2) },
    ratio: round(percentile(rawDb, 95) / dbP95, 2),
    goal: "< 30 ms",
    ...atMost(dbP95, 30, "ms"),
    note: `p50 ${round(percentile(dbTimes, 50), 2)} ms over ${dbTimes.length} calls`,
  });

  let bridge: UpstashBridge | undefined;
  try {
    bridge = await startUpstashBridge();
  } catch (err) {
    notes.push(`Redis part skipped: no Redis at 127.0.0.1:6379 (${(err as Error).message}).`);
  }
  if (bridge) {
    try {
      process.env.KV_REST_API_URL = bridge.url;
      process.env.KV_REST_API_TOKEN = bridge.token;
      process.env.KV_NAMESPACE = "test";
      resetEnv();
      resetKv();
      for (const id of ids) await getLatest(id); // the first read fills the cache from the database
      const kvTimes = await sample(o.latestSamples, "through Redis (Upstash REST)", async (i) => {
        const r = await getLatest(pick(i));
        if (r.source !== "kv" || r.points.length !== POINTS) throw new Error(`unexpected latest answer ${r.source}`);
      });
      const redis = new Redis({
        url: bridge.url,
        token: bridge.token,
        automaticDeserialization: false,
        enableTelemetry: false,
      });
      const rawKv = await sample(o.latestSamples, "bare HGETALL", (i) => redis.hgetall(`test:${latestKey(pick(i))}`));
      const kvP95 = percentile(kvTimes, 95);
      figures.unshift({
        name: "p95 latest values through Redis (Upstash REST)",
        value: round(kvP95, 2),
        unit: "ms",
        baseline: { name: "one bare HGETALL through the same REST bridge", value: round(percentile(rawKv, 95), 2) },
        ratio: round(percentile(rawKv, 95) / kvP95, 2),
        goal: "< 10 ms",
        ...atMost(kvP95, 10, "ms"),
        note:
          `p50 ${round(percentile(kvTimes, 50), 2)} ms; getLatest = HGETALL + one indexed point_info read ` +
          "(to drop inactive points and show current names)",
      });
      notes.push(
        "Redis is reached through test/helpers/upstash-bridge.ts (HTTP → node-redis → 127.0.0.1:6379), like the " +
          "hosted Upstash REST API; the bridge's own hop is in both figures.",
      );
    } finally {
      for (const id of ids) await bridge.redis.del(`test:${latestKey(id)}`);
      await bridge.close();
      delete process.env.KV_REST_API_URL;
      delete process.env.KV_REST_API_TOKEN;
      delete process.env.KV_NAMESPACE;
      resetEnv();
      resetKv();
    }
  }
  db.cleanup();
  return {
    id: "latest",
    title: "Latest values",
    sizes: { systems: SYSTEMS, points: POINTS, samples: o.latestSamples, rawMinutesPerPoint: 61 },
    figures,
    notes,
    durationMs: performance.now() - t0,
  };
}
