/**
 * Benchmark 2: readings per second through the real store (raw insert + 5-minute aggregation + daily marks),
 * one fetch per system per minute as polls deliver them, vs a raw multi-row INSERT of the same rows into a
 * bare table (the limit of the storage engine on this machine).
 */
import { ingestFetchResult } from "@/lib/ingest";
import type { Reading } from "@/lib/vendors/types";
import { openBenchDb, openSideDb } from "./lib/bench-db";
import type { BenchOptions } from "./lib/cli";
import { progressBar } from "./lib/progress";
import { profiled } from "./lib/profile";
import { atLeast, round, type BenchResult } from "./lib/result";
import { seedPoints, seedSystems } from "./lib/seed";
import { recordSqlSpans } from "./lib/sql-spans";

const MINUTE = 60_000;

/** The readings of one poll of one system: one value per point at one minute (mixed power, SOC, counters). */
export function pollReadings(systemId: number, points: number, timeMs: number): Reading[] {
  const minute = Math.floor(timeMs / MINUTE);
  return Array.from({ length: points }, (_, i) => {
    const kind = i % 6;
    const value =
      kind === 4
        ? 50 + ((minute + systemId) % 500) / 10
        : kind === 5
          ? 1_000_000 + minute * 25 + systemId
          : Math.round(2000 + 1500 * Math.sin((minute + systemId * 7 + i) / 40));
    return {
      point: {
        originId: `pt${i + 1}`,
        name: `Point ${i + 1}`,
        metricType: kind === 4 ? "soc" : kind === 5 ? "energy" : "power",
        unit: "W",
      },
      measurementTimeMs: timeMs,
      value,
    } as Reading;
  });
}

/** A side database configured like the process database (WAL, synchronous NORMAL) holding one baseline table. */
async function baselineDb(name: string, createTable: string) {
  const side = openSideDb(name);
  await side.client.execute("PRAGMA journal_mode = WAL");
  await side.client.execute("PRAGMA synchronous = NORMAL");
  await side.client.execute(createTable);
  return side;
}

/** Rounds of ours and of the limit, alternated; each figure is the median of its rounds. */
const ROUNDS = 3;
/** Minutes of the untimed warm-up: past a half hour, so every path (closes, 30-minute rows, days) has run. */
const WARM_UP_MINUTES = 35;
const BARE_TABLE =
  "CREATE TABLE raw (system_id INTEGER, point_id INTEGER, measurement_time INTEGER, value REAL, value_str TEXT, " +
  "data_quality INTEGER, session_id INTEGER)";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * One run of ours on a fresh database: every minute, each system's poll result goes through ingestFetchResult
 * (concurrently, as the pool does). The poll results are built before the clock starts, as the baseline's rows
 * are: both time storing only.
 */
async function runOurs(o: BenchOptions, minutes: number, label: string, profile: boolean) {
  const db = await openBenchDb("ingest");
  const ids = await seedSystems(db.client, { count: o.ingestSystems, vendorType: "bench", siteId: (i) => `s${i}` });
  await seedPoints(db.client, ids, o.ingestPoints);
  const start = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 24 * 3_600_000;
  const polls = Array.from({ length: minutes }, (_, m) =>
    ids.map((id) => pollReadings(id, o.ingestPoints, start + m * MINUTE + 17_000)),
  );
  const spans = profile ? recordSqlSpans(db.client) : null;
  const bar = progressBar(label, minutes);
  const { value: ms, top } = await profiled("ingest", profile, async () => {
    const t = performance.now();
    for (let m = 0; m < minutes; m++) {
      const at = start + m * MINUTE + 17_000;
      await Promise.all(
        ids.map((id, i) =>
          ingestFetchResult(
            { id, displayTimezone: "Australia/Melbourne" },
            { readings: polls[m][i] },
            { sessionId: null, receivedMs: at + 1000 },
          ),
        ),
      );
      bar.tick();
    }
    return performance.now() - t;
  });
  bar.stop();
  const sqlLines = spans?.stop() ?? [];
  const stored = Number((await db.client.execute("SELECT count(*) AS n FROM point_readings")).rows[0].n);
  const agg = Number((await db.client.execute("SELECT count(*) AS n FROM point_readings_agg_5m")).rows[0].n);
  const expected = o.ingestSystems * o.ingestPoints * minutes;
  if (stored !== expected) throw new Error(`ingest stored ${stored} readings, expected ${expected}`);
  db.cleanup();
  return { ms, agg, sqlLines, top, rows: toRows(ids, polls) };
}

/** The poll results as bare rows (system, point, time, value, text, quality, session). */
function toRows(ids: number[], polls: Reading[][][]): Array<Array<number | null>> {
  const rows: Array<Array<number | null>> = [];
  polls.forEach((minute) =>
    minute.forEach((readings, s) =>
      readings.forEach((r, i) => rows.push([ids[s], i + 1, r.measurementTimeMs, r.value ?? null, null, 0, null])),
    ),
  );
  return rows;
}

/** The limit: the rows as 400-row multi-row INSERTs into a bare table on an identically configured file. */
async function runBare(rows: Array<Array<number | null>>): Promise<number> {
  const side = await baselineDb("ingest-raw", BARE_TABLE);
  const t = performance.now();
  for (let i = 0; i < rows.length; i += 400) {
    const part = rows.slice(i, i + 400);
    await side.client.execute({
      sql: `INSERT INTO raw VALUES ${part.map(() => "(?,?,?,?,?,?,?)").join(",")}`,
      args: part.flat(),
    });
  }
  const ms = performance.now() - t;
  side.client.close();
  return ms;
}

/** Runs the ingest benchmark. */
export async function benchIngest(o: BenchOptions): Promise<BenchResult> {
  const t0 = performance.now();
  const total = o.ingestSystems * o.ingestPoints * o.ingestMinutes;

  // Untimed warm-up of both sides, so neither figure depends on which benchmarks ran before in this process.
  const warm = await runOurs(o, Math.min(WARM_UP_MINUTES, o.ingestMinutes), "warm-up", false);
  await runBare(warm.rows);

  const oursRounds: number[] = [];
  const rawRounds: number[] = [];
  let last: Awaited<ReturnType<typeof runOurs>> | null = null;
  for (let r = 0; r < ROUNDS; r++) {
    // --profile records the last round only.
    last = await runOurs(
      o,
      o.ingestMinutes,
      `store + 5-minute path (${r + 1}/${ROUNDS})`,
      o.profile && r === ROUNDS - 1,
    );
    oursRounds.push(last.ms);
    rawRounds.push(await runBare(last.rows));
  }
  const { agg, sqlLines, top, rows } = last!;
  const oursMs = median(oursRounds);
  const rawMs = median(rawRounds);

  // For reference (no goal): the same rows, same statements, into the per-reading layout raw readings had before
  // migration 0008 (clustered (system, point, time) key with a conflict check), which the packed layout replaced.
  const keyed = await baselineDb(
    "ingest-keyed",
    "CREATE TABLE raw (system_id INTEGER NOT NULL, point_id INTEGER NOT NULL, measurement_time INTEGER NOT NULL, " +
      "value REAL, value_str TEXT, data_quality INTEGER NOT NULL DEFAULT 0, session_id INTEGER, " +
      "PRIMARY KEY (system_id, point_id, measurement_time)) WITHOUT ROWID",
  );
  const tKeyed = performance.now();
  for (let i = 0; i < rows.length; i += 400) {
    const part = rows.slice(i, i + 400);
    await keyed.client.execute({
      sql: `INSERT INTO raw VALUES ${part.map(() => "(?,?,?,?,?,?,?)").join(",")} ON CONFLICT DO NOTHING`,
      args: part.flat(),
    });
  }
  const keyedMs = performance.now() - tKeyed;
  keyed.client.close();

  // For reference (no goal): the packed insert alone, as poll_readings stores it (one row per system and
  // measurement time, readings as one JSON object), without the pipeline around it (points, aggregation, marks).
  const packed = await baselineDb(
    "ingest-packed",
    "CREATE TABLE raw (system_id INTEGER NOT NULL, measurement_time INTEGER NOT NULL, session_id INTEGER, " +
      "readings TEXT NOT NULL, PRIMARY KEY (system_id, measurement_time)) WITHOUT ROWID",
  );
  const perMinute = o.ingestSystems * o.ingestPoints;
  const tPacked = performance.now();
  for (let i = 0; i < rows.length; i += perMinute) {
    const bySystem = new Map<number, { at: number; readings: Record<number, number | null> }>();
    for (const [id, point, at, value] of rows.slice(i, i + perMinute)) {
      let row = bySystem.get(id!);
      if (!row) bySystem.set(id!, (row = { at: at!, readings: {} }));
      row.readings[point!] = value;
    }
    const items = [...bySystem].map(([id, r]) => [id, r.at, null, JSON.stringify(r.readings)]);
    await packed.client.execute({
      sql:
        "INSERT INTO raw SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?) WHERE true " +
        "ON CONFLICT DO NOTHING",
      args: [JSON.stringify(items)],
    });
  }
  const packedMs = performance.now() - tPacked;
  packed.client.close();

  const ours = total / (oursMs / 1000);
  const raw = total / (rawMs / 1000);
  const ratio = ours / raw;
  const keyedRate = total / (keyedMs / 1000);
  return {
    id: "ingest",
    title: "Ingest",
    sizes: { systems: o.ingestSystems, points: o.ingestPoints, minutes: o.ingestMinutes, readings: total },
    figures: [
      {
        name: "readings stored per second (raw + 5-minute aggregate + daily mark)",
        value: Math.round(ours),
        unit: "readings/s",
        baseline: { name: "raw multi-row INSERT into a bare table", value: Math.round(raw) },
        ratio: round(ratio, 2),
        goal: "≥ 0.5 of raw",
        ...atLeast(ratio, 0.5, "× raw"),
      },
      {
        name: "readings stored per second, against the per-reading layout used before poll_readings (reference, no goal)",
        value: Math.round(ours),
        unit: "readings/s",
        baseline: {
          name: "raw multi-row INSERT … ON CONFLICT DO NOTHING into a table keyed (system, point, time)",
          value: Math.round(keyedRate),
        },
        ratio: round(ours / keyedRate, 2),
      },
      {
        name: "the packed insert alone, one row per poll (system, time → JSON of readings): reference, no goal",
        value: Math.round(total / (packedMs / 1000)),
        unit: "readings/s",
        baseline: { name: "raw multi-row INSERT into a bare table", value: Math.round(raw) },
        ratio: round(total / (packedMs / 1000) / raw, 2),
      },
    ],
    notes: [
      `${total} readings through ingestFetchResult (${o.ingestSystems} concurrent fetches per minute, ${agg} ` +
        `five-minute rows maintained) in ${round(oursMs / 1000, 2)} s, median of ${ROUNDS} rounds ` +
        `(${oursRounds.map((ms) => round(ms / 1000, 2)).join(", ")} s); the same rows as 400-row INSERTs into the ` +
        `bare table in ${round(rawMs / 1000, 2)} s (${rawRounds.map((ms) => round(ms / 1000, 2)).join(", ")} s). ` +
        "The rounds alternate, each on a fresh database, after an untimed warm-up of both sides (" +
        `${Math.min(WARM_UP_MINUTES, o.ingestMinutes)} minutes of polls, past a half hour), so neither figure ` +
        "depends on which benchmarks ran before it in the process.",
      "Raw readings are stored one row per (system, measurement time) with the poll's readings packed as one JSON " +
        "object (poll_readings, migration 0008): a poll dirties one page at the end of its system's key range " +
        "instead of one page per point, so the raw insert costs well under the bare table's append (the packed " +
        "reference above). Per poll-turn the store issues one INSERT … SELECT FROM json_each for all polls (a " +
        "replay check in the same batch) and one read of the systems' point versions (migration 0009); on the " +
        "first turn after a 5-minute boundary, one close batch per turn unpacks the ended interval's packed rows " +
        "once into a temp table keyed by point and time, stores the reduced 5-minute rows, derives counter steps " +
        "and returns counter resets, then the days are marked and, on the half hour, the 30-minute buckets stored " +
        "(one statement for every system).",
      "Where the time goes (--profile): the interval closes are the largest part (about 40%: unpacking, grouping " +
        "and the upsert of one row per point per interval, which dirties one page per point), the packed raw " +
        "insert about 30%, JS per poll (points, rows, coalescing) most of the rest.",
      ...sqlLines,
      ...top.map((t) => `Profile (--profile, artifacts/bench/ingest.cpuprofile): ${t}.`),
    ],
    durationMs: performance.now() - t0,
  };
}
