import { getEnv } from "@/lib/env";
import { ingestFetchResult } from "@/lib/ingest";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, TEST_POINTS } from "@/test/helpers/test-vendor";
import { runCleanup } from "@/lib/polling/cleanup";
import { GET } from "../route";

const DAY = 86_400_000;
let t: TestDb;
const count = async (sql: string) => Number((await t.db.$client.execute(sql)).rows[0].n);

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
});
afterAll(() => t.cleanup());

describe("/api/cron/cleanup", () => {
  it("401 without the secret", async () => {
    const res = await GET(new Request("http://localhost/api/cron/cleanup"), undefined);
    expect(res.status).toBe(401);
  });

  it("deletes old raw readings only where aggregated, and old session responses", async () => {
    const id = await insertTestSystem(t.db);
    const old = Date.now() - 100 * DAY;
    const sys = { id, displayTimezone: "UTC" };
    await ingestFetchResult(
      sys,
      { readings: [{ point: TEST_POINTS.solar, measurementTimeMs: old, value: 1 }] },
      { sessionId: null, receivedMs: old },
    );
    await ingestFetchResult(
      sys,
      { readings: [{ point: TEST_POINTS.solar, measurementTimeMs: Date.now() - DAY, value: 2 }] },
      // Received ten minutes after it was measured: both readings' intervals have ended and are stored.
      { sessionId: null, receivedMs: Date.now() - DAY + 600_000 },
    );
    // An old raw reading whose aggregate is missing (written behind the pipeline's back) must survive.
    await t.db.$client.execute({
      sql: "INSERT INTO point_readings (system_id, point_id, measurement_time, value) VALUES (?, 1, ?, 5)",
      args: [id, old - 3_600_000],
    });
    await t.db.$client.execute({
      sql: "INSERT INTO sessions (system_id, vendor_type, cause, started, duration, response, created_at) VALUES (?, 'x', 'CRON', ?, 1, '{}', 0), (?, 'x', 'CRON', ?, 1, '{}', 0)",
      args: [id, Date.now() - 40 * DAY, id, Date.now() - DAY],
    });
    await t.db.$client.execute({
      sql: "INSERT INTO auth_sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES ('gone', 'u', 0, 0, ?), ('live', 'u', 0, 0, ?)",
      args: [Date.now() - DAY, Date.now() + DAY],
    });
    const res = await GET(
      new Request("http://localhost/api/cron/cleanup", {
        headers: { authorization: `Bearer ${getEnv().CRON_SECRET}` },
      }),
      undefined,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rawDeleted: 1, sessionResponsesCleared: 1, signInSessionsExpired: 1 });
    expect(await count("SELECT COUNT(*) AS n FROM auth_sessions")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM point_readings")).toBe(2);
    expect(await count("SELECT COUNT(*) AS n FROM point_readings_agg_5m")).toBe(2);
    expect(await count("SELECT COUNT(*) AS n FROM sessions WHERE response IS NOT NULL")).toBe(1);
  });

  it("keeps a poll's packed row while any of its readings lacks an aggregate; readings of removed points need none", async () => {
    const id = await insertTestSystem(t.db, { siteId: "cleanup-packed" });
    const old = Date.now() - 100 * DAY;
    const sys = { id, displayTimezone: "UTC" };
    // Two points in one poll, aggregated on arrival (received a day later).
    await ingestFetchResult(
      sys,
      {
        readings: [
          { point: TEST_POINTS.solar, measurementTimeMs: old, value: 1 },
          { point: TEST_POINTS.soc, measurementTimeMs: old, value: 2 },
        ],
      },
      { sessionId: null, receivedMs: old + DAY },
    );
    const run = () => runCleanup({ rawRetentionDays: 90 });
    // One reading's aggregate goes missing: the whole row stays.
    await t.db.$client.execute({
      sql: "DELETE FROM point_readings_agg_5m WHERE system_id = ? AND point_id = 2",
      args: [id],
    });
    expect((await run()).rawDeleted).toBe(0);
    // The point itself is removed: its reading no longer holds the row back; both readings go.
    await t.db.$client.execute({ sql: "DELETE FROM point_info WHERE system_id = ? AND id = 2", args: [id] });
    expect((await run()).rawDeleted).toBe(2);
    expect(await count(`SELECT COUNT(*) AS n FROM poll_readings WHERE system_id = ${id}`)).toBe(0);
  });
});
