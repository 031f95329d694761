import { ingestFetchResult } from "@/lib/ingest";
import { exportRange } from "@/lib/export/query";
import { exportColumns, exportStream } from "@/lib/export/stream";
import { readParquet } from "@/lib/retention/parquet";
import { localSessionCookie } from "@/test/helpers/auth";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, insertTestUser, TEST_POINTS } from "@/test/helpers/test-vendor";
import { GET } from "@/app/api/systems/[system]/export/route";

const ZONE = "Australia/Sydney";
let t: TestDb;
let id: number;
let other: number;

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const csvLines = async (stream: ReadableStream<Uint8Array>) =>
  new TextDecoder()
    .decode(await bytesOf(stream))
    .trimEnd()
    .split("\r\n");

const get = async (query: string, user?: string, system = id) => {
  const headers: Record<string, string> = { host: "localhost" };
  if (user) headers.cookie = await localSessionCookie(user);
  return GET(new Request(`http://localhost/api/systems/${system}/export?${query}`, { headers }), {
    params: Promise.resolve({ system: String(system) }),
  });
};

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  for (const u of ["owner", "viewer", "stranger"]) await insertTestUser(t.db, u);
  id = await insertTestSystem(t.db, { owner: "owner", zone: ZONE });
  other = await insertTestSystem(t.db, { owner: "stranger", zone: ZONE });
  await t.db.$client.execute({
    sql: "INSERT INTO user_systems (user_id, system_id, role, created_at, updated_at) VALUES ('viewer', ?, 'viewer', 0, 0)",
    args: [id],
  });
  // 2026-02-01 .. 2026-02-03 local, a reading of two points every 5 minutes; one text value that needs quoting.
  const start = Date.parse("2026-01-31T13:00:00Z");
  const readings = [];
  for (let ms = start + 60_000; ms < start + 3 * 86_400_000; ms += 300_000) {
    readings.push({ point: TEST_POINTS.solar, measurementTimeMs: ms, value: (ms / 300_000) % 97 });
    readings.push({ point: TEST_POINTS.soc, measurementTimeMs: ms, value: 50.5 });
  }
  readings.push({ point: TEST_POINTS.status, measurementTimeMs: start + 120_000, value: null, valueStr: 'ok, "fine"' });
  await ingestFetchResult(
    { id, displayTimezone: ZONE },
    { readings },
    { sessionId: null, receivedMs: start + 4 * 86_400_000 },
  );
});
afterAll(() => t.cleanup());

describe("export", () => {
  it("streams a level's rows as CSV page by page, the same as in one page", async () => {
    const range = exportRange(id, ZONE, { from: "2026-02-01", to: "2026-02-02", level: "5m" })!;
    const paged = await csvLines(exportStream("5m", range, "csv", 7));
    const whole = await csvLines(exportStream("5m", range, "csv", 100_000));
    expect(paged).toEqual(whole);
    expect(paged[0]).toBe(
      exportColumns("5m")
        .map((c) => c.name)
        .join(","),
    );
    const stored = await t.db.$client.execute({
      sql: "SELECT count(*) AS n FROM point_readings_agg_5m WHERE system_id = ? AND interval_end > ? AND interval_end <= ?",
      args: [id, range.fromMs, range.toMs],
    });
    expect(paged.length - 1).toBe(Number(stored.rows[0].n));
    expect(paged.length - 1).toBe(2 * 2 * 288 + 1);
    expect(paged.find((l) => l.includes("fine"))).toContain('"ok, ""fine"""');
  });

  it("pages across points whose rows fill a page exactly or are empty in the range", async () => {
    const range = exportRange(id, ZONE, { from: "2026-02-02", to: "2026-02-03", level: "5m" })!;
    const whole = await csvLines(exportStream("5m", range, "csv", 100_000));
    expect(whole.length - 1).toBe(2 * 2 * 288);
    for (const page of [576, 575, 97]) {
      expect(await csvLines(exportStream("5m", range, "csv", page))).toEqual(whole);
    }
    const empty = exportRange(id, ZONE, { from: "2027-01-01", to: "2027-01-02", level: "5m" })!;
    expect(await csvLines(exportStream("5m", empty, "csv"))).toEqual([
      exportColumns("5m")
        .map((c) => c.name)
        .join(","),
    ]);
    const rows = await readParquet(await bytesOf(exportStream("30m", empty, "parquet")));
    expect(rows).toEqual([]);
  });

  it("streams raw readings as Parquet that reads back equal to the database", async () => {
    const range = exportRange(id, ZONE, {
      from: "2026-02-01T00:00:00+11:00",
      to: "2026-02-03T00:00:00+11:00",
      level: "raw",
    })!;
    const rows = await readParquet(await bytesOf(exportStream("raw", range, "parquet", 50)));
    const stored = await t.db.$client.execute({
      sql:
        "SELECT point_id, measurement_time, value FROM point_readings WHERE system_id = ? AND measurement_time >= ? " +
        "AND measurement_time < ? ORDER BY measurement_time, point_id",
      args: [id, range.fromMs, range.toMs],
    });
    expect(rows.map((r) => [r.point_id, r.measurement_time, r.value])).toEqual(
      stored.rows.map((r) => [
        Number(r.point_id),
        Number(r.measurement_time),
        r.value === null ? null : Number(r.value),
      ]),
    );
    expect(rows[0]).toMatchObject({ system_id: id, point_name: "Solar", unit: "W" });
  });

  it("answers the route with a file for readers, 400 for bad ranges, 404 for strangers", async () => {
    const ok = await get("level=daily&from=2026-02-01&to=2026-02-03", "viewer");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/csv");
    expect(ok.headers.get("content-disposition")).toContain(`system-${id}-daily-2026-02-01-to-2026-02-03.csv`);
    const pq = await get("level=30m&from=2026-02-01&to=2026-02-01&format=parquet", "owner");
    expect(pq.status).toBe(200);
    expect((await readParquet(new Uint8Array(await pq.arrayBuffer()))).length).toBe(2 * 48 + 1);

    for (const q of [
      "level=5m&from=2026-02-03&to=2026-02-01",
      "level=5m&from=2026-02-01T10:00:00Z&to=2026-02-01T10:00:00Z",
      "level=hourly&from=2026-02-01&to=2026-02-02",
      "level=5m&from=yesterday&to=2026-02-02",
      "level=5m&to=2026-02-02",
      "level=5m&from=2026-02-01&to=2026-02-02&format=xlsx",
    ]) {
      const res = await get(q, "viewer");
      expect([q, res.status]).toEqual([q, 400]);
      expect((await res.json()).error.message).toBeTruthy();
    }
    expect((await get("level=5m&from=2026-02-01&to=2026-02-02", "stranger")).status).toBe(404);
    expect((await get("level=5m&from=2026-02-01&to=2026-02-02", "viewer", other)).status).toBe(404);
    expect((await get("level=5m&from=2026-02-01&to=2026-02-02")).status).toBe(401);
  });
});
