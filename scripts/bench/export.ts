/**
 * Benchmark 9: an export of a year of one system's 5-minute rows, streamed as CSV and as Parquet through the export
 * route's stream (lib/export), written to a file as it arrives. Measures the peak growth of the process's resident
 * memory during each export (goal: under 50 MB, i.e. flat — the file is far larger) and reads each file back,
 * comparing a digest of every row with one of the database's rows.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parquetReadObjects } from "hyparquet";
import { exportRange } from "@/lib/export/query";
import { exportColumns, exportStream } from "@/lib/export/stream";
import { openBenchDb } from "./lib/bench-db";
import type { BenchOptions } from "./lib/cli";
import { atMost, round, type BenchResult, type Figure } from "./lib/result";
import { seedPoints, seedSystems } from "./lib/seed";

const SYSTEM_ID = 970_001;
const LIMIT_MB = 50;
const READ_BACK_ROWS = 100_000;

/** The 5-minute rows of `days` local days before `end`, per point, with values derived from the row's key. */
async function seedFiveMinute(client: import("@libsql/client").Client, startMs: number, intervals: number) {
  await client.execute({
    sql:
      "WITH RECURSIVE t(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM t WHERE i < ?2) " +
      "INSERT INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, sample_count, " +
      "error_count, created_at, updated_at) SELECT ?1, p.id, ?3 + t.i * 300000, (t.i % 1000) * 1.5 + p.id, t.i % 7, " +
      "t.i % 1000 + 10, (t.i % 1000) * 1.5, CASE WHEN p.metric_type = 'energy' THEN 25.0 END, 5, 0, ?3, ?3 " +
      "FROM t CROSS JOIN point_info p WHERE p.system_id = ?1",
    args: [SYSTEM_ID, intervals, startMs],
  });
}

const digestRow = (pointId: unknown, end: unknown, avg: unknown) =>
  `${Number(pointId)}|${Number(end)}|${avg === null || avg === undefined || avg === "" ? "" : Number(avg)}\n`;

/** A full garbage collection, so the baseline is what is live, not what the last phase left for the collector. */
function collect(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Streams the export into a file, sampling RSS every 10 ms; returns the peak growth (MB), bytes and seconds. */
async function measure(stream: ReadableStream<Uint8Array>, file: string) {
  const fh = await open(file, "w");
  collect();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  try {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await fh.write(value);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  } finally {
    clearInterval(timer);
    await fh.close();
  }
  return {
    growthMb: (peak - base) / 1_048_576,
    seconds: (performance.now() - t0) / 1000,
    bytes: (await stat(file)).size,
  };
}

/** Runs the export benchmark. */
export async function benchExport(o: BenchOptions): Promise<BenchResult> {
  const t0 = performance.now();
  const db = await openBenchDb("export");
  const zone = "Australia/Melbourne";
  await seedSystems(db.client, { count: 1, firstId: SYSTEM_ID, vendorType: "bench", siteId: () => "export", zone });
  await seedPoints(db.client, [SYSTEM_ID], o.exportPoints);
  const intervals = o.exportDays * 288;
  const startMs = Date.parse("2025-01-01T00:00:00+11:00");
  await seedFiveMinute(db.client, startMs, intervals);
  const rows = o.exportPoints * intervals;
  const range = exportRange(SYSTEM_ID, zone, {
    level: "5m",
    from: new Date(startMs).toISOString(),
    to: new Date(startMs + intervals * 300_000).toISOString(),
  })!;

  const figures: Figure[] = [];
  const notes: string[] = [];
  const dir = join(db.path, "..");
  // Both exports first, from a process that has done nothing but seed in SQL: no earlier phase's heap hides growth.
  const measured = new Map<string, Awaited<ReturnType<typeof measure>>>();
  for (const format of ["csv", "parquet"] as const) {
    measured.set(format, await measure(exportStream("5m", range, format), join(dir, `export.${format}`)));
  }
  // The database's digest, in the export's order (point, then interval end).
  const expected = createHash("sha256");
  for (let p = 1; p <= o.exportPoints; p++) {
    const res = await db.client.execute({
      sql: "SELECT point_id, interval_end, avg FROM point_readings_agg_5m WHERE system_id = ? AND point_id = ? ORDER BY interval_end",
      args: [SYSTEM_ID, p],
    });
    for (const r of res.rows) expected.update(digestRow(r.point_id, r.interval_end, r.avg));
  }
  const want = expected.digest("hex");

  for (const format of ["csv", "parquet"] as const) {
    const file = join(dir, `export.${format}`);
    const m = measured.get(format)!;
    const got = createHash("sha256");
    let count = 0;
    if (format === "csv") {
      const names = exportColumns("5m").map((c) => c.name);
      const [pi, ei, ai] = ["point_id", "interval_end", "avg"].map((n) => names.indexOf(n));
      let header = true;
      for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        if (header) {
          header = false;
          continue;
        }
        const f = line.split(",");
        got.update(digestRow(f[pi], f[ei], f[ai]));
        count++;
      }
    } else {
      const bytes = await readFile(file);
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      for (let start = 0; start < rows; start += READ_BACK_ROWS) {
        const part = await parquetReadObjects({
          file: buffer,
          columns: ["point_id", "interval_end", "avg"],
          rowStart: start,
          rowEnd: Math.min(rows, start + READ_BACK_ROWS),
        });
        for (const r of part) got.update(digestRow(r.point_id, r.interval_end, r.avg));
        count += part.length;
      }
    }
    const equal = count === rows && got.digest("hex") === want;
    if (!equal) throw new Error(`${format} export read back differs: ${count} rows of ${rows}`);
    const growth = round(m.growthMb, 1);
    figures.push({
      name: `peak RSS growth, ${format} export of ${o.exportDays} days of 5-minute rows`,
      value: growth,
      unit: "MB",
      goal: `< ${LIMIT_MB} MB`,
      ...atMost(growth, LIMIT_MB, "MB"),
      note: `${rows.toLocaleString("en")} rows, ${round(m.bytes / 1_048_576, 1)} MB file, read back equal`,
    });
    figures.push({ name: `${format} export rate`, value: Math.round(rows / m.seconds), unit: "rows/s" });
    notes.push(
      `${format}: ${round(m.bytes / 1_048_576, 1)} MB in ${round(m.seconds, 1)} s; every row's point, interval end and ` +
        "average read back and compared with the database (SHA-256 of both).",
    );
  }
  db.cleanup();
  return {
    id: "export",
    title: "Export: a year of 5-minute data streamed with flat memory",
    sizes: { days: o.exportDays, points: o.exportPoints, rows },
    figures,
    notes,
    durationMs: performance.now() - t0,
  };
}
