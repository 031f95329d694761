import { spawn } from "node:child_process";
import { createClient } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/*
 * Crash safety (issue #20): a pipeline process killed with SIGKILL — mid-ingest, or during the daily job — and then
 * run again must leave the same database as a run that was never interrupted: nothing lost, nothing doubled.
 */
const CHILD = resolve(__dirname, "../pipeline-child.ts");

let dir: string;

/** Runs the child to the end, or kills it with SIGKILL once it prints `killAt`; resolves with how it ended. */
function runChild(file: string, killAt?: (line: string) => boolean): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((done, fail) => {
    // node itself with tsx as a loader (the tsx CLI would put a second process between us and the one we kill).
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", CHILD], {
      env: { ...process.env, DATABASE_URL: `file:${file}`, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let killed = false;
    let buffer = "";
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      if (!killed && killAt && lines.some(killAt)) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("error", fail);
    child.on("exit", (code) => {
      if (!killed && code !== 0) fail(new Error(`child failed (${code}): ${errors.slice(-2000)}`));
      else done({ killed, code });
    });
  });
}

/** Everything the pipeline stores, without bookkeeping times that differ between runs. */
async function snapshot(file: string): Promise<Record<string, unknown[]>> {
  const client = createClient({ url: `file:${file}` });
  try {
    const out: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries({
      raw: "SELECT system_id, measurement_time, readings FROM poll_readings ORDER BY 1, 2",
      points: "SELECT id, system_id, origin_id, type, subtype, metric_type FROM point_info ORDER BY id",
      five:
        "SELECT system_id, point_id, interval_end, avg, min, max, last, delta, sample_count, error_count " +
        "FROM point_readings_agg_5m ORDER BY 1, 2, 3",
      thirty: "SELECT * FROM point_readings_agg_30m ORDER BY 1, 2, 3",
      daily:
        "SELECT system_id, point_id, day, avg, min, max, last, delta, interval_count FROM point_readings_agg_1d ORDER BY 1, 2, 3",
    })) {
      out[name] = (await client.execute(sql)).rows.map((r) => {
        const row = { ...r } as Record<string, unknown>;
        delete row.created_at;
        delete row.updated_at;
        return row;
      });
    }
    return out;
  } finally {
    client.close();
  }
}

let reference: Record<string, unknown[]>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "solar-crash-"));
  await runChild(join(dir, "reference.db"));
  reference = await snapshot(join(dir, "reference.db"));
  expect(reference.daily.length).toBeGreaterThan(0);
  expect(reference.five.length).toBeGreaterThan(1000);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a pipeline run killed with SIGKILL, then run again", () => {
  it.each([
    ["mid-ingest", (line: string) => line === "ingest 20"],
    ["during the daily job", (line: string) => line === "daily 4"],
  ])(
    "%s: the same database as an uninterrupted run",
    async (_when, killAt) => {
      const file = join(dir, `killed-${Math.random().toString(36).slice(2)}.db`);
      const first = await runChild(file, killAt);
      expect(first.killed).toBe(true);
      const partial = await snapshot(file);
      expect(partial).not.toEqual(reference); // it really stopped short
      await runChild(file);
      expect(await snapshot(file)).toEqual(reference);
    },
    180_000,
  );
});
