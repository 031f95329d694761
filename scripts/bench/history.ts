/**
 * Benchmark 4: one system's 10 points at 24H (5-minute rows), 7D (30-minute rows; also at 5 minutes, asked for
 * explicitly) and 30D and 13 months (daily rows), in a database of S systems × a year of data generated with bulk
 * inserts, through queryHistory (lib) and through GET /api/data/historical on `next start` (HTTP, production build
 * in .next-bench, local session cookie).
 */
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { queryHistory } from "@/lib/history";
import { createLocalSession } from "@/lib/auth/local-sessions";
import { localDay } from "@/lib/time/zones";
import { buildIsStale, ensureBuild, startNext, stopChild } from "@/scripts/demo/next-server";
import { openBenchDb } from "./lib/bench-db";
import { BENCH_AUTH_SECRET, BENCH_DIST, benchNextEnv } from "./lib/next-env";
import type { BenchOptions } from "./lib/cli";
import { generateDaily, generateFiveMinute, generateThirtyMinute } from "./lib/generate";
import { profiled } from "./lib/profile";
import { progressBar } from "./lib/progress";
import { atMost, percentile, round, type BenchResult, type Figure } from "./lib/result";
import { seedPoints, seedSystems } from "./lib/seed";

const ZONE = "Australia/Melbourne";
const DAY_MS = 86_400_000;
const OWNER = "bench-owner";
const POINT_KEYS = Array.from({ length: 10 }, (_, i) => String(i + 1));

/** `aggregation` asks for a level explicitly; `goal: false` is shown for transparency, without a goal. */
const RANGES: ReadonlyArray<{
  name: string;
  ms: number;
  query: string;
  level: string;
  aggregation?: "5m";
  goal: boolean;
}> = [
  { name: "24H", ms: DAY_MS, query: "range=24H", level: "5m", goal: true },
  { name: "7D", ms: 7 * DAY_MS, query: "range=7D", level: "30m", goal: true },
  {
    name: "7D, explicit aggregation=5m",
    ms: 7 * DAY_MS,
    query: "range=7D&aggregation=5m",
    level: "5m",
    aggregation: "5m",
    goal: false,
  },
  { name: "30D", ms: 30 * DAY_MS, query: "range=30D", level: "daily", goal: true },
  { name: "13 months", ms: 395 * DAY_MS, query: "", level: "daily", goal: true },
];

/** Runs the history benchmark. */
export async function benchHistory(o: BenchOptions): Promise<BenchResult> {
  const t0 = performance.now();
  const db = await openBenchDb("history");
  const ids = await seedSystems(db.client, {
    count: o.historySystems,
    vendorType: "bench",
    siteId: (i) => `h${i}`,
    zone: ZONE,
  });
  await seedPoints(db.client, ids, 10);
  await db.client.execute({
    sql: "INSERT INTO users (id, display_name, created_at, updated_at) VALUES (?, 'Bench owner', 0, 0)",
    args: [OWNER],
  });
  const nowMs = Math.floor(Date.now() / 300_000) * 300_000;
  const intervals = o.historyDays * 288;
  await generateFiveMinute(db.client, ids, nowMs - (intervals - 1) * 300_000, intervals, "generate a year of 5-minute");
  await generateThirtyMinute(db.client, ids, intervals * 10, "derive 30-minute from them");
  const today = localDay(nowMs, ZONE);
  const firstDay = localDay(nowMs - o.historyDays * DAY_MS, ZONE);
  await generateDaily(db.client, ids, firstDay, o.historyDays);
  await db.client.execute({ sql: "DELETE FROM point_readings_agg_1d WHERE day >= ?", args: [today] });
  const fiveRows = Number((await db.client.execute("SELECT count(*) AS n FROM point_readings_agg_5m")).rows[0].n);
  const halfHourRows = Number((await db.client.execute("SELECT count(*) AS n FROM point_readings_agg_30m")).rows[0].n);
  const dayRows = Number((await db.client.execute("SELECT count(*) AS n FROM point_readings_agg_1d")).rows[0].n);
  const pick = (i: number) => ids[(i * 7919) % ids.length];

  const figures: Figure[] = [];
  const notes: string[] = [];
  const { top } = await profiled("history", o.profile, () => libPart(o, pick, figures));
  notes.push(...top.map((t) => `Profile of the lib queries (--profile, artifacts/bench/history.cpuprofile): ${t}.`));

  const http = await httpPart(o, db.url, ids, pick, figures);
  if (http) notes.push(http);
  db.cleanup();
  return {
    id: "history",
    title: "History",
    sizes: {
      systems: o.historySystems,
      days: o.historyDays,
      pointsPerSystem: 10,
      fiveMinuteRows: fiveRows,
      thirtyMinuteRows: halfHourRows,
      dailyRows: dayRows,
      samplesPerRange: o.historySamples,
    },
    figures,
    notes: [
      "Each query asks for one system's 10 points by id over a range ending now; the 5- and 30-minute levels read " +
        "10 key ranges of their clustered table (plus a read of the intervals still in progress), the daily " +
        "levels read stored days plus today from its 5-minute rows.",
      "Where the time goes (--profile): SQLite stepping through the rows dominates; each series comes back as one " +
        "text built in SQL and parsed with JSON.parse, and local midnights are memoised, so JS time is small. " +
        "Multi-day windows (over 2 days, up to 8) are therefore served from stored 30-minute rows: a 7-day window " +
        "is 3,360 rows for 10 points instead of 20,160 five-minute rows, rewritten whenever a 5-minute row in the " +
        "half hour is written. The 7D figure at explicit aggregation=5m shows what full resolution costs.",
      ...notes,
    ],
    durationMs: performance.now() - t0,
  };
}

async function libPart(o: BenchOptions, pick: (i: number) => number, figures: Figure[]) {
  for (const r of RANGES) {
    const times: number[] = [];
    const bar = progressBar(`lib ${r.name}`, o.historySamples);
    for (let i = -5; i < o.historySamples; i++) {
      const t = performance.now();
      const res = await queryHistory({
        systems: [{ id: pick(i + 5), displayTimezone: ZONE }],
        pointKeys: POINT_KEYS,
        startMs: Date.now() - r.ms,
        endMs: Date.now(),
        aggregation: r.aggregation,
      });
      if (res.aggregation !== r.level || res.series.length !== 10)
        throw new Error(`history ${r.name}: ${res.aggregation}`);
      if (i >= 0) {
        times.push(performance.now() - t);
        bar.tick();
      }
    }
    bar.stop();
    const p95 = percentile(times, 95);
    figures.push({
      name: `lib p95, 10 points, ${r.name} (${r.level})`,
      value: round(p95, 2),
      unit: "ms",
      ...(r.goal ? { goal: "< 10 ms", ...atMost(p95, 10, "ms") } : {}),
      note: `p50 ${round(percentile(times, 50), 2)} ms${r.goal ? "" : " (no goal: full resolution, for comparison)"}`,
    });
  }
}

/** The HTTP half; returns a note (why it was skipped, or how it ran). */
async function httpPart(
  o: BenchOptions,
  dbUrl: string,
  ids: number[],
  pick: (i: number) => number,
  figures: Figure[],
): Promise<string> {
  if (!o.http) return "HTTP part skipped (--no-http).";
  const env = benchNextEnv({ NODE_ENV: "production", DATABASE_URL: dbUrl });
  let buildNote = "";
  const prev = process.env.NEXT_DIST_DIR;
  process.env.NEXT_DIST_DIR = BENCH_DIST;
  try {
    const missing = !existsSync(`${BENCH_DIST}/BUILD_ID`);
    if (missing && !o.build) {
      return `HTTP part skipped: no production build in ${BENCH_DIST} (run a full \`npm run bench\`, or --build).`;
    }
    if (o.build && (missing || buildIsStale(BENCH_DIST))) {
      try {
        ensureBuild(env);
      } catch (err) {
        if (missing) return `HTTP part skipped: next build failed (${(err as Error).message}).`;
        buildNote = ` The rebuild failed (${(err as Error).message}), so an older build of ${BENCH_DIST} was used.`;
      }
    }
  } finally {
    if (prev === undefined) delete process.env.NEXT_DIST_DIR;
    else process.env.NEXT_DIST_DIR = prev;
  }
  const port = await freePort();
  const child = await startNext("start", port, env, true);
  try {
    const cookie = `solar_session=${await createLocalSession(OWNER, undefined, BENCH_AUTH_SECRET)}`;
    for (const r of RANGES) {
      const times: number[] = [];
      const bar = progressBar(`HTTP ${r.name}`, o.historySamples);
      for (let i = -5; i < o.historySamples; i++) {
        const window = r.query || `start=${Date.now() - r.ms}`;
        const url = `http://localhost:${port}/api/data/historical?systemIds=${pick(i + 5)}&pointKeys=${POINT_KEYS.join(",")}&${window}`;
        const t = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        const body = (await res.json()) as { aggregation?: string; series?: unknown[] };
        if (res.status !== 200 || body.series?.length !== 10) {
          throw new Error(`HTTP ${r.name}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        }
        if (i >= 0) {
          times.push(performance.now() - t);
          bar.tick();
        }
      }
      bar.stop();
      const p95 = percentile(times, 95);
      const lib = figures.find((f) => f.name === `lib p95, 10 points, ${r.name} (${r.level})`);
      figures.push({
        name: `HTTP p95, 10 points, ${r.name} (${r.level})`,
        value: round(p95, 2),
        unit: "ms",
        baseline: lib ? { name: "the same query at the lib level", value: lib.value } : undefined,
        ratio: lib ? round(lib.value / p95, 2) : undefined,
        ...(r.goal ? { goal: "< 30 ms", ...atMost(p95, 30, "ms") } : {}),
        note: `p50 ${round(percentile(times, 50), 2)} ms (next start, local session cookie, JSON parsed)`,
      });
    }
    return (
      `HTTP against \`next start\` (${BENCH_DIST}, port ${port}, ${ids.length} systems owned by the signed-in ` +
      `user): parsing, auth (session cookie, system access), the same lib call, JSON over localhost.${buildNote}`
    );
  } finally {
    await stopChild(child);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
