import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { accountsAfterDaily } from "@/lib/accounts";
import { catchUpDaily } from "@/lib/aggregation";
import { resetEnv } from "@/lib/env";
import { ingestFetchResult } from "@/lib/ingest";
import { runCleanup } from "@/lib/polling/cleanup";
import { archiveKey, archiveSinkFromEnv } from "@/lib/retention";
import { readParquet } from "@/lib/retention/parquet";
import { dayBounds, localDay } from "@/lib/time";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, TEST_POINTS } from "@/test/helpers/test-vendor";

// s3rver ships no types: the part of it the test uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require("s3rver") as new (o: Record<string, unknown>) => {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
};

const DAY = 86_400_000;
const ZONE = "Europe/Berlin";
const NOW = new Date("2026-06-10T10:00:00Z");
const BUCKET = "solar-archive";
let t: TestDb;
let server: InstanceType<typeof S3rver>;
let dir: string;
let endpoint: string;

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  dir = mkdtempSync(join(tmpdir(), "s3rver-"));
  server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const address = await server.run();
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  for (const k of Object.keys(process.env).filter((k) => k.startsWith("ARCHIVE_"))) delete process.env[k];
  resetEnv();
  await t.cleanup();
});

describe("archive to an S3-compatible bucket", () => {
  it("writes the expiring rows as Parquet per system and month, readable back, and deletes them only after", async () => {
    Object.assign(process.env, {
      ARCHIVE_MODE: "s3",
      ARCHIVE_S3_ENDPOINT: endpoint,
      ARCHIVE_S3_BUCKET: BUCKET,
      ARCHIVE_S3_PREFIX: "test",
      ARCHIVE_S3_REGION: "us-east-1",
      ARCHIVE_S3_ACCESS_KEY_ID: "S3RVER",
      ARCHIVE_S3_SECRET_ACCESS_KEY: "S3RVER",
    });
    resetEnv();
    const sink = archiveSinkFromEnv();
    expect(sink?.where).toBe(`s3://${BUCKET}/test/`);

    const id = await insertTestSystem(t.db, { siteId: "s3", zone: ZONE });
    const start = dayBounds(localDay(NOW.getTime() - 20 * DAY, ZONE), ZONE).startMs;
    const end = dayBounds(localDay(NOW.getTime(), ZONE), ZONE).startMs;
    const readings = [];
    for (let ms = start + 60_000; ms < end; ms += 900_000) {
      readings.push({ point: TEST_POINTS.solar, measurementTimeMs: ms, value: (ms / 900_000) % 1000 });
    }
    await ingestFetchResult(
      { id, displayTimezone: ZONE },
      { readings },
      { sessionId: null, receivedMs: end + 600_000 },
    );
    await catchUpDaily({ now: NOW, systemId: id, afterDaily: (w, n) => accountsAfterDaily(w, n) });
    const cutoff = dayBounds(localDay(NOW.getTime() - 5 * DAY, ZONE), ZONE).startMs;
    const expected = (
      await t.db.$client.execute({
        sql: "SELECT measurement_time, value FROM point_readings WHERE system_id = ? AND measurement_time < ? ORDER BY 1",
        args: [id, cutoff],
      })
    ).rows.map((r) => [Number(r.measurement_time), Number(r.value)]);
    expect(expected.length).toBeGreaterThan(1000);

    const res = await runCleanup({ now: NOW, retention: { raw: 5 } });
    expect(res.archive).toBe(`s3://${BUCKET}/test/`);
    expect(res.tiers.raw).toMatchObject({ removed: expected.length, archived: expected.length });

    const client = new S3Client({
      region: "us-east-1",
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "test/raw/" }));
    const keys = (listed.Contents ?? []).map((o) => o.Key).sort();
    const months = [...new Set(expected.map(([ms]) => localDay(ms, ZONE).slice(0, 7)))].sort();
    expect(keys).toEqual(months.map((m) => `test/${archiveKey("raw", id, m)}`));

    const back: number[][] = [];
    for (const m of months) {
      for (const r of await readParquet((await sink!.get(archiveKey("raw", id, m)))!)) {
        back.push([Number(r.measurement_time), Number(r.value)]);
      }
    }
    expect(back.sort((a, b) => a[0] - b[0])).toEqual(expected);
    const left = await t.db.$client.execute({
      sql: "SELECT count(*) AS n FROM point_readings WHERE system_id = ? AND measurement_time < ?",
      args: [id, cutoff],
    });
    expect(Number(left.rows[0].n)).toBe(0);
  });
});
