/**
 * Benchmark 8: energy accounts. (1) The daily-accounts job for S systems × P points × one local day of 5-minute
 * rows (accountsAfterDaily, as the daily catch-up runs it) next to the daily aggregation of the same days
 * (catchUpDaily without accounts). (2) getEnergyAccounts for a month of days and for 13 months of one system
 * (stored energy_daily rows plus today computed on read) next to the plain daily-aggregate read of the same span
 * (queryHistory at the daily level, every point).
 */
import { cpus, loadavg } from "node:os";
import { getEnergyAccounts } from "@/lib/accounts";
import { accountsAfterDaily } from "@/lib/accounts/days";
import { catchUpDaily } from "@/lib/aggregation";
import { queryHistory } from "@/lib/history";
import { dayBounds } from "@/lib/time/zones";
import { openBenchDb } from "./lib/bench-db";
import type { BenchOptions } from "./lib/cli";
import { generateDaily, generateFiveMinute } from "./lib/generate";
import { profiled } from "./lib/profile";
import { progressBar, timedPhase } from "./lib/progress";
import { atMost, percentile, round, type BenchResult, type Figure } from "./lib/result";
import { seedPoints, seedSystems } from "./lib/seed";

const DAY = "2025-06-15";
const TODAY = "2025-06-16";
const ZONE = "Australia/Melbourne";
const STORED_DAYS = 400;

/** Runs the energy accounts benchmark. */
export async function benchAccounts(o: BenchOptions): Promise<BenchResult> {
  const t0 = performance.now();
  const db = await openBenchDb("accounts");
  const ids = await seedSystems(db.client, {
    count: o.dailySystems,
    vendorType: "bench",
    siteId: (i) => `a${i}`,
    zone: ZONE,
  });
  await seedPoints(db.client, ids, o.dailyPoints);
  const { startMs, endMs } = dayBounds(DAY, ZONE);
  await generateFiveMinute(db.client, ids, startMs + 300_000, (endMs - startMs) / 300_000, "generate 5-minute rows");
  await db.client.execute({
    sql: "INSERT INTO daily_pending (system_id, day, version, updated_at) SELECT id, ?, 1, 0 FROM systems",
    args: [DAY],
  });
  const nowJob = endMs + 5 * 60_000;
  await db.client.execute("SELECT sum(avg) FROM point_readings_agg_5m"); // the same warm page cache for both

  const tDaily = performance.now();
  await timedPhase("daily aggregation (baseline)", 3000, () => catchUpDaily({ now: new Date(nowJob) }));
  const dailyMs = performance.now() - tDaily;
  const tJob = performance.now();
  const { value: written, top: jobTop } = await profiled("accounts-job", o.profile, () =>
    timedPhase("daily accounts", 3000, () =>
      accountsAfterDaily(
        ids.map((id) => ({ systemId: id, days: [DAY] })),
        nowJob,
        0,
      ),
    ),
  );
  const jobMs = performance.now() - tJob;
  if (written !== ids.length) throw new Error(`accounts job wrote ${written} rows, expected ${ids.length}`);

  // One system with 400 stored days (its real day copied back in time) and today's first 12 hours of 5-minute rows.
  const sid = ids[0];
  const first = new Date(Date.parse(`${DAY}T00:00:00Z`) - (STORED_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  await db.client.execute({
    sql:
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) INSERT INTO energy_daily " +
      "SELECT system_id, date(day, '-' || n.i || ' days'), start_ms - n.i * 86400000, end_ms - n.i * 86400000, " +
      "solar_wh, load_wh, battery_charge_wh, battery_discharge_wh, grid_import_wh, grid_export_wh, " +
      "solar_to_home_wh, solar_to_battery_wh, solar_to_grid_wh, battery_to_home_wh, battery_to_grid_wh, " +
      "grid_to_home_wh, grid_to_battery_wh, self_consumption_pct, self_sufficiency_pct, provenance, intervals, " +
      "with_data, complete, totals, computed_at FROM energy_daily, n WHERE system_id = ? AND day = ?",
    args: [STORED_DAYS - 1, sid, DAY],
  });
  await generateDaily(db.client, [sid], first, STORED_DAYS - 1); // DAY itself was aggregated above
  await generateFiveMinute(db.client, [sid], endMs + 300_000, 144, "today's 5-minute rows");
  const nowRead = endMs + 12 * 3_600_000;

  const figures: Figure[] = [
    {
      name: `daily-accounts job, ${ids.length} systems × ${o.dailyPoints} points, one day`,
      value: round(jobMs, 0),
      unit: "ms",
      baseline: { name: "the daily aggregation of the same days (catchUpDaily)", value: round(dailyMs, 0) },
      ratio: round(dailyMs / jobMs, 2),
      goal: "≤ 1.5× the daily aggregation",
      ...atMost(jobMs / dailyMs, 1.5, "× the daily aggregation"),
      note: `the accounts job takes ${round(jobMs / dailyMs, 2)}× the daily aggregation's time (ratio column: daily ÷ accounts)`,
    },
  ];
  const profiles = jobTop.map((x) => `Profile of the job (--profile): ${x}.`);
  const load = loadavg()[0];
  profiles.push(
    `Load average when measured: ${round(load, 1)} on ${cpus().length} cores (other work shares the machine; ` +
      "compare each figure with its baseline from the same run).",
  );
  const spans = [
    { name: "a month of days (June, today on read)", period: "day" as const, from: "2025-06-01", to: TODAY, days: 30 },
    { name: "13 months (monthly rows)", period: "month" as const, from: "2024-06-01", to: TODAY, days: 396 },
  ];
  for (const span of spans) {
    const startRead = dayBounds(span.from, ZONE).startMs;
    const { value: ours, top } = await profiled(`accounts-${span.period}`, o.profile, () =>
      sample(o.historySamples, `accounts ${span.name}`, () =>
        getEnergyAccounts({ systemId: sid, period: span.period, from: span.from, to: span.to, nowMs: nowRead }),
      ),
    );
    profiles.push(...top.map((x) => `Profile of ${span.name} (--profile): ${x}.`));
    const base = await sample(o.historySamples, `daily read ${span.name}`, () =>
      queryHistory({
        systems: [{ id: sid, displayTimezone: ZONE, vendorType: "bench" }],
        pointKeys: Array.from({ length: o.dailyPoints }, (_, i) => String(i + 1)),
        startMs: startRead,
        endMs: nowRead,
        aggregation: "daily",
        nowMs: nowRead,
      }),
    );
    figures.push({
      name: `lib p95, getEnergyAccounts, ${span.name}`,
      value: round(ours.p95, 2),
      unit: "ms",
      baseline: { name: `queryHistory daily, ${o.dailyPoints} points, same span`, value: round(base.p95, 2) },
      ratio: round(base.p95 / ours.p95, 2),
      goal: "< 20 ms",
      ...atMost(ours.p95, 20, "ms"),
      note: `p50 ${round(ours.p50, 2)} ms (baseline p50 ${round(base.p50, 2)} ms)`,
    });
  }
  db.cleanup();
  return {
    id: "accounts",
    title: "Energy accounts",
    sizes: { systems: ids.length, points: o.dailyPoints, storedDays: STORED_DAYS, samples: o.historySamples },
    figures,
    notes: [
      "The job computes each system's ledger from its 5-minute rows (one counter-bounds read, one window read, typed " +
        "arrays per flow, balance and attribution per interval) and writes one energy_daily row per system-day.",
      "The reads sum stored energy_daily rows (additive JSON totals) and compute today from its 5-minute rows; the " +
        "baseline reads the same span's daily aggregates of every point, today included, as the charts do.",
      ...profiles,
    ],
    durationMs: performance.now() - t0,
  };
}

/** p95 and p50 (ms) of `n` runs after 5 warm-ups. */
async function sample(n: number, label: string, fn: () => Promise<unknown>): Promise<{ p95: number; p50: number }> {
  const times: number[] = [];
  const bar = progressBar(label, n);
  for (let i = -5; i < n; i++) {
    const t = performance.now();
    await fn();
    if (i >= 0) {
      times.push(performance.now() - t);
      bar.tick();
    }
  }
  bar.stop();
  return { p95: percentile(times, 95), p50: percentile(times, 50) };
}
