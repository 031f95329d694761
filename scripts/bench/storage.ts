/**
 * Benchmark 3: bytes per raw reading on disk. The same readings loaded into our raw layout (poll_readings: one
 * WITHOUT ROWID row per system and measurement time, readings packed as JSON; loaded through the point_readings
 * view's insert trigger) and into the seed's layout (autoincrement id, received_time, error, text
 * quality, and its five indexes), each file VACUUMed, then page_count × page_size / rows.
 */
import type { Client, InValue } from "@libsql/client";
import { openSideDb } from "./lib/bench-db";
import type { BenchOptions } from "./lib/cli";
import { progressBar } from "./lib/progress";
import { atMost, round, type BenchResult } from "./lib/result";
import { migrate } from "@/lib/db/migrate";

const SEED_LAYOUT = [
  "CREATE TABLE point_readings (id INTEGER PRIMARY KEY AUTOINCREMENT, system_id INTEGER NOT NULL, " +
    "point_id INTEGER NOT NULL, session_id INTEGER, measurement_time INTEGER NOT NULL, received_time INTEGER NOT NULL, " +
    "value REAL, value_str TEXT, error TEXT, data_quality TEXT NOT NULL DEFAULT 'good')",
  "CREATE UNIQUE INDEX pr_point_time_unique ON point_readings (system_id, point_id, measurement_time)",
  "CREATE INDEX pr_system_time_idx ON point_readings (system_id, measurement_time)",
  "CREATE INDEX pr_point_idx ON point_readings (point_id)",
  "CREATE INDEX pr_session_idx ON point_readings (session_id)",
  "CREATE INDEX pr_measurement_time_idx ON point_readings (measurement_time)",
];

/** Deterministic readings shaped like a Selectronic fleet: 15 points per system, one reading a minute. */
function* readings(total: number) {
  const points = 15;
  const systems = 50;
  const start = Date.UTC(2025, 0, 1);
  let n = 0;
  for (let minute = 0; n < total; minute++) {
    const at = start + minute * 60_000 + 2_345;
    for (let s = 1; s <= systems && n < total; s++) {
      const session = minute * systems + s;
      for (let p = 1; p <= points && n < total; p++, n++) {
        const kind = p % 5;
        // Vendor values: watts with one decimal, SOC with one decimal, energy counters in whole Wh.
        const value =
          kind === 0
            ? 1_000_000 + minute * 30 + s
            : kind === 1
              ? Math.round(500 + 400 * Math.sin(minute / 50 + s)) / 10 + 20
              : Math.round(20_000 + 15_000 * Math.sin(minute / 40 + p + s)) / 10;
        yield { s, p, at, value, session };
      }
    }
  }
}

async function load(client: Client, total: number, seedLayout: boolean, label: string) {
  const bar = progressBar(label, total);
  let batch: InValue[][] = [];
  const flush = async () => {
    if (!batch.length) return;
    const statements = [];
    for (let i = 0; i < batch.length; i += 400) {
      const part = batch.slice(i, i + 400);
      statements.push({
        sql: seedLayout
          ? "INSERT INTO point_readings (system_id, point_id, session_id, measurement_time, received_time, value, " +
            `data_quality) VALUES ${part.map(() => "(?,?,?,?,?,?,'good')").join(",")}`
          : "INSERT INTO point_readings (system_id, point_id, session_id, measurement_time, value, data_quality) " +
            `VALUES ${part.map(() => "(?,?,?,?,?,0)").join(",")}`,
        args: part.flat(),
      });
    }
    await client.batch(statements, "write");
    bar.tick(batch.length);
    batch = [];
  };
  for (const r of readings(total)) {
    batch.push(seedLayout ? [r.s, r.p, r.session, r.at, r.at + 1_850, r.value] : [r.s, r.p, r.session, r.at, r.value]);
    if (batch.length >= 20_000) await flush();
  }
  await flush();
  bar.stop();
  await client.execute("VACUUM");
  const pages = Number((await client.execute("PRAGMA page_count")).rows[0][0]);
  const pageSize = Number((await client.execute("PRAGMA page_size")).rows[0][0]);
  let tableBytes: number | null = null;
  try {
    const r = await client.execute(
      "SELECT sum(pgsize) AS b FROM dbstat WHERE name IN ('point_readings', 'poll_readings') OR name LIKE 'pr_%'",
    );
    tableBytes = Number(r.rows[0].b);
  } catch {
    // dbstat is not compiled into every libSQL build
  }
  return { fileBytes: pages * pageSize, tableBytes };
}

/** Runs the storage benchmark. */
export async function benchStorage(o: BenchOptions): Promise<BenchResult> {
  const t0 = performance.now();
  const total = o.storageRows;
  const ours = openSideDb("storage-ours");
  await migrate(ours.client); // the real schema: every table exists, so the file's fixed overhead is included
  const oursSize = await load(ours.client, total, false, "our layout");
  ours.client.close();
  const seed = openSideDb("storage-seed");
  for (const sql of SEED_LAYOUT) await seed.client.execute(sql);
  const seedSize = await load(seed.client, total, true, "seed layout");
  seed.client.close();

  const per = (b: { fileBytes: number; tableBytes: number | null }) => (b.tableBytes ?? b.fileBytes) / total;
  const oursB = per(oursSize);
  const seedB = per(seedSize);
  const ratio = oursB / seedB;
  const abs = atMost(oursB, 40, "B");
  return {
    id: "storage",
    title: "Storage",
    sizes: { readings: total, systems: 50, pointsPerSystem: 15 },
    figures: [
      {
        name: "bytes per raw reading on disk",
        value: round(oursB, 1),
        unit: "B",
        baseline: { name: "seed layout (autoincrement id + 5 indexes)", value: round(seedB, 1) },
        ratio: round(seedB / oursB, 2),
        goal: "≤ 40 B and ≤ 0.5× the seed layout",
        met: oursB <= 40 && ratio <= 0.5,
        margin: `${abs.margin}; ${round(ratio, 2)}× the seed layout vs 0.5×`,
        note:
          oursSize.tableBytes === null
            ? "measured as the VACUUMed file (page_count × page_size) / rows: dbstat is unavailable"
            : "measured with dbstat (table and index pages only) after VACUUM; the ratio column is seed ÷ ours",
      },
    ],
    notes: [
      `Files after VACUUM: ours ${round(oursSize.fileBytes / 2 ** 20, 1)} MiB, seed layout ` +
        `${round(seedSize.fileBytes / 2 ** 20, 1)} MiB for ${total.toLocaleString("en-US")} readings.`,
      "Our row is the b-tree key itself (system, point, time) plus value, quality and session: no rowid, no " +
        "secondary index; received time and error text live once per poll in `sessions`.",
    ],
    durationMs: performance.now() - t0,
  };
}
