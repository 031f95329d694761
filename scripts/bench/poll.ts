/**
 * Benchmark 1: systems polled per run. N emulated Selectronic systems (emulators in a child process, default
 * 300 ms latency) polled through the real orchestrator (pollDueSystems) within the run budget, and the seed's
 * design (batches of 10, Promise.allSettled, one batch after another) with the same adapter, emulator and store.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { encryptJson } from "@/lib/crypto/secrets";
import { listPollCandidates } from "@/lib/db/queries/polling";
import { resetEnv } from "@/lib/env";
import { pollDueSystems, pollSystem } from "@/lib/polling";
import { SelectLiveClient } from "@/lib/vendors/selectronic/client";
import { openBenchDb } from "./lib/bench-db";
import type { BenchOptions } from "./lib/cli";
import { startEmulatorProcess, type EmulatorProcess } from "./lib/emulator-process";
import { profiled } from "./lib/profile";
import { progressBar, timedPhase } from "./lib/progress";
import { recordSqlSpans } from "./lib/sql-spans";
import { atLeast, round, type BenchResult } from "./lib/result";
import { seedSystems } from "./lib/seed";

const POINT_COLUMNS =
  "system_id, id, origin_id, origin_sub_id, point_name, display_name, subsystem, type, subtype, extension, alias, " +
  "metric_type, metric_unit, active, transform, created, updated_at";
const BENCH_ACCOUNT = { email: "bench@example.com", password: "bench" };

interface RunStats {
  succeeded: number;
  failed: number;
  wallMs: number;
  cpuPct: number;
  loopDelayP99Ms: number;
  readings: number;
  errors: Record<string, number>;
}

/** Runs the poll benchmark and returns its figures. */
export async function benchPoll(o: BenchOptions): Promise<BenchResult> {
  const t0 = performance.now();
  const emu = await startEmulatorProcess(o.pollLatencyMs);
  try {
    process.env.SELECTRONIC_BASE_URL = emu.selectronicUrl;
    process.env.POLL_CONCURRENCY = String(o.pollConcurrency);
    process.env.POLL_TIME_BUDGET_MS = String(o.pollBudgetMs);
    resetEnv();
    // Steady state: a select.live session lives for hours, so every system starts with a saved one (one login).
    const login = new SelectLiveClient({ baseUrl: emu.selectronicUrl, ...BENCH_ACCOUNT, now: new Date() });
    await login.login();
    await warmEmulatorSites(emu, login, o.pollSystems, o.pollLatencyMs);
    const seed = async (name: string) => {
      const db = await openBenchDb(name);
      await seedSystems(db.client, {
        count: o.pollSystems,
        vendorType: "selectronic",
        siteId: siteNumber,
        credentials: encryptJson(BENCH_ACCOUNT),
        state: encryptJson(login.changedState),
      });
      // Steady state: every system already has its points (the first poll of a system creates them once).
      const warm = await pollSystem(1, { cause: "ADMIN", force: true });
      if (warm.status !== "succeeded") throw new Error(`warm-up poll failed: ${warm.errorCode} ${warm.error}`);
      await db.client.execute(
        `INSERT INTO point_info (${POINT_COLUMNS}) SELECT s.id, ${POINT_COLUMNS.replace("system_id, ", "p.")
          .split(", ")
          .join(", p.")} FROM systems s JOIN point_info p ON p.system_id = 1 WHERE s.id <> 1`,
      );
      await db.client.execute("UPDATE polling_status SET last_poll_time = NULL, total_polls = 0, successful_polls = 0");
      return db;
    };

    const oursDb = await seed("poll-ours");
    const spans = o.profile ? recordSqlSpans(oursDb.client) : null;
    const { value: ours, top } = await profiled("poll", o.profile, () =>
      measure(oursDb.client, `pipeline (${o.pollBudgetMs / 1000} s)`, o.pollBudgetMs, () =>
        pollDueSystems({ budgetMs: o.pollBudgetMs, cause: "CRON" }).then((s) => ({
          succeeded: s.succeeded,
          failed: s.failed,
          errors: countErrors(s.results),
        })),
      ),
    );
    const sqlLines = spans?.stop() ?? [];
    oursDb.cleanup();

    const seedDb = await seed("poll-seed");
    const base = await measure(seedDb.client, `seed design (${o.pollBudgetMs / 1000} s)`, o.pollBudgetMs, () =>
      seedDesign(o.pollBudgetMs),
    );
    seedDb.cleanup();

    const ratio = base.succeeded ? ours.succeeded / base.succeeded : Infinity;
    const goal = atLeast(ours.succeeded, 10_000, "systems");
    return {
      id: "poll",
      title: "Poll throughput",
      sizes: {
        systems: o.pollSystems,
        latencyMs: o.pollLatencyMs,
        budgetMs: o.pollBudgetMs,
        concurrency: o.pollConcurrency,
      },
      figures: [
        {
          name: "systems polled per run (succeeded)",
          value: ours.succeeded,
          unit: "systems",
          baseline: { name: "seed design: batches of 10, one after another", value: base.succeeded },
          ratio: round(ratio, 1),
          goal: "≥ 10,000 per run and ≥ 10× the seed design",
          met: ours.succeeded >= 10_000 && ratio >= 10,
          margin: `${goal.margin}; ratio ${round(ratio, 1)}× vs 10×`,
          note: ours.succeeded >= o.pollSystems ? `every seeded system was polled (N = ${o.pollSystems})` : undefined,
        },
        {
          name: "polls per second",
          value: round(ours.succeeded / (ours.wallMs / 1000), 1),
          unit: "polls/s",
          baseline: { name: "seed design", value: round(base.succeeded / (base.wallMs / 1000), 1) },
          ratio: round(ours.succeeded / ours.wallMs / (base.succeeded / base.wallMs), 1),
        },
      ],
      notes: [
        `Pipeline: ${ours.succeeded} succeeded, ${ours.failed} failed ${fmtErrors(ours.errors)} in ${round(ours.wallMs / 1000, 1)} s ` +
          `wall, poller CPU ${ours.cpuPct}% of one core, event-loop delay p99 ${ours.loopDelayP99Ms} ms, ` +
          `${ours.readings} raw readings stored.`,
        `Seed design: ${base.succeeded} succeeded, ${base.failed} failed ${fmtErrors(base.errors)} in ${round(base.wallMs / 1000, 1)} s, ` +
          `CPU ${base.cpuPct}%: it waits for the slowest of each 10 before starting the next 10, so it is bound by ` +
          `vendor latency (≈ 10 / ${o.pollLatencyMs} ms), not by the machine.`,
        ...sqlLines,
        ...top.map((t) => `Profile of the pipeline run (--profile, artifacts/bench/poll.cpuprofile): ${t}.`),
        "The emulators run in a child process (its CPU is not the poller's). Both runs start from steady state: " +
          "sessions warm (one login, its state saved for every system; a select.live session lasts hours) and " +
          "every system's points already known (copied from one warm-up poll).",
      ],
      durationMs: performance.now() - t0,
    };
  } finally {
    await emu.stop();
  }
}

const siteNumber = (i: number) => String(900_001 + (i % 99_998));

/**
 * The emulator simulates a site minute by minute from UTC midnight on its first request (milliseconds of its
 * CPU per site), then steps O(1) per minute. A live fleet is polled every minute, so its sites are warm: touch
 * each once at zero latency before measuring.
 */
async function warmEmulatorSites(emu: EmulatorProcess, login: SelectLiveClient, n: number, latencyMs: number) {
  await emu.control("latency", { latencyMs: 0 });
  const bar = progressBar("warm emulator sites", n);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < n) {
        const i = next++;
        await login.hfData(siteNumber(i));
        bar.tick();
      }
    }),
  );
  bar.stop();
  await emu.control("latency", { latencyMs });
}

/** The seed's cron: due systems in batches of 10 through Promise.allSettled, one batch after another. */
async function seedDesign(budgetMs: number) {
  const t0 = performance.now();
  const due = await listPollCandidates();
  let succeeded = 0;
  let failed = 0;
  const errors: Record<string, number> = {};
  for (let i = 0; i < due.length && performance.now() - t0 < budgetMs; i += 10) {
    const batch = due.slice(i, i + 10);
    const settled = await Promise.allSettled(batch.map((c) => pollSystem(c.system.id, { cause: "CRON" })));
    for (const s of settled) {
      if (s.status === "fulfilled" && s.value.status === "succeeded") succeeded++;
      else {
        failed++;
        const code = s.status === "fulfilled" ? (s.value.errorCode ?? s.value.status) : "THROWN";
        errors[code] = (errors[code] ?? 0) + 1;
      }
    }
  }
  return { succeeded, failed, errors };
}

async function measure(
  client: import("@libsql/client").Client,
  label: string,
  budgetMs: number,
  run: () => Promise<{ succeeded: number; failed: number; errors: Record<string, number> }>,
): Promise<RunStats> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await timedPhase(label, budgetMs, run);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  const readings = Number((await client.execute("SELECT count(*) AS n FROM point_readings")).rows[0].n);
  return {
    ...r,
    wallMs,
    cpuPct: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    loopDelayP99Ms: round(loop.percentile(99) / 1e6, 1),
    readings,
  };
}

function countErrors(results: Array<{ status: string; errorCode?: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    if (r.status === "succeeded") continue;
    const k = r.errorCode ?? r.status;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

const fmtErrors = (e: Record<string, number>) =>
  Object.keys(e).length
    ? `(${Object.entries(e)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")})`
    : "";
