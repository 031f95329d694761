import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accountsAfterDaily } from "@/lib/accounts";
import { getRetentionStats, projectRows } from "@/lib/admin";
import { resetEnv } from "@/lib/env";
import { catchUpDaily } from "@/lib/aggregation";
import { ingestFetchResult } from "@/lib/ingest";
import { runCleanup } from "@/lib/polling/cleanup";
import { archiveKey, localSink, previewRetention, runRetention, type ArchiveSink } from "@/lib/retention";
import { readParquet } from "@/lib/retention/parquet";
import { dayBounds, localDay } from "@/lib/time";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem, TEST_POINTS } from "@/test/helpers/test-vendor";

const DAY = 86_400_000;
const ZONE = "Australia/Melbourne";
const NOW = new Date("2026-03-15T01:00:00Z"); // noon in Melbourne
const RETENTION = { raw: 7, "5m": 14, "30m": 21, daily: 35, accounts: 35 };
let t: TestDb;

const count = async (sql: string, args: Array<string | number> = []) =>
  Number((await t.db.$client.execute({ sql, args })).rows[0].n);

/** A system with 40 days of half-hourly solar power and energy readings, reduced to every level. */
async function seedSystem(siteId: string): Promise<number> {
  const id = await insertTestSystem(t.db, { siteId, zone: ZONE });
  const sys = { id, displayTimezone: ZONE };
  const start = dayBounds(localDay(NOW.getTime() - 40 * DAY, ZONE), ZONE).startMs;
  const end = dayBounds(localDay(NOW.getTime(), ZONE), ZONE).startMs;
  const readings = [];
  let wh = 0;
  for (let ms = start + 60_000; ms < end; ms += 1_800_000) {
    wh += 100;
    readings.push({ point: TEST_POINTS.solar, measurementTimeMs: ms, value: 1000 });
    readings.push({ point: TEST_POINTS.solarEnergy, measurementTimeMs: ms, value: wh });
  }
  await ingestFetchResult(sys, { readings }, { sessionId: null, receivedMs: end + 600_000 });
  await catchUpDaily({ now: NOW, systemId: id, afterDaily: (w, n) => accountsAfterDaily(w, n) });
  return id;
}

const cutoff = (days: number) => dayBounds(localDay(NOW.getTime() - days * DAY, ZONE), ZONE).startMs;
const cutoffDay = (days: number) => localDay(NOW.getTime() - days * DAY, ZONE);

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
});
afterAll(() => t.cleanup());

describe("retention tiers", () => {
  it("removes each tier's rows past its retention only where the next level holds them", async () => {
    const id = await seedSystem("tiers");
    const s = [id];
    const before = {
      raw: await count("SELECT count(*) AS n FROM point_readings WHERE system_id = ?", s),
      m5: await count("SELECT count(*) AS n FROM point_readings_agg_5m WHERE system_id = ?", s),
      m30: await count("SELECT count(*) AS n FROM point_readings_agg_30m WHERE system_id = ?", s),
      daily: await count("SELECT count(*) AS n FROM point_readings_agg_1d WHERE system_id = ?", s),
      accounts: await count("SELECT count(*) AS n FROM energy_daily WHERE system_id = ?", s),
    };
    expect(before.daily).toBeGreaterThanOrEqual(80);
    expect(before.accounts).toBeGreaterThanOrEqual(40);

    // One 5-minute-expired day loses a point's daily row, another is waiting to be re-reduced: their finer rows stay.
    const holeDay = cutoffDay(20);
    const pendingDay = cutoffDay(18);
    await t.db.$client.execute({
      sql: "DELETE FROM point_readings_agg_1d WHERE system_id = ? AND day = ? AND point_id = 1",
      args: [id, holeDay],
    });
    await t.db.$client.execute({
      sql: "INSERT INTO daily_pending (system_id, day, version, updated_at) VALUES (?, ?, 1, 0)",
      args: [id, pendingDay],
    });

    const preview = await previewRetention({ now: NOW, retention: RETENTION });
    const polls = () => count("SELECT count(*) AS n FROM poll_readings WHERE system_id = ?", s);
    const pollsBefore = await polls();
    const res = await runCleanup({ now: NOW, retention: RETENTION, sink: null });
    expect(res.archive).toBeNull();
    for (const tier of ["5m", "30m", "daily", "accounts"] as const) {
      expect(res.tiers[tier].removed).toBe(preview[tier]);
      expect(res.tiers[tier].removed).toBeGreaterThan(0);
    }
    // Raw: the preview counts polls (packed rows), the outcome readings (two points a poll).
    expect(pollsBefore - (await polls())).toBe(preview.raw);
    expect(res.tiers.raw.removed).toBe(2 * preview.raw);
    expect(res.rawDeleted).toBe(res.tiers.raw.removed);

    expect(
      await count("SELECT count(*) AS n FROM point_readings WHERE system_id = ? AND measurement_time < ?", [
        id,
        cutoff(7),
      ]),
    ).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM point_readings WHERE system_id = ? AND measurement_time >= ?", [
        id,
        cutoff(7),
      ]),
    ).toBeGreaterThan(0);

    const hole = dayBounds(holeDay, ZONE);
    const pending = dayBounds(pendingDay, ZONE);
    const in5m = (lo: number, hi: number, extra = "") =>
      count(
        `SELECT count(*) AS n FROM point_readings_agg_5m WHERE system_id = ? AND interval_end > ? AND interval_end <= ?${extra}`,
        [id, lo, hi],
      );
    // Past the 5-minute retention: only the hole day's point 1 and the pending day remain.
    expect(await in5m(0, cutoff(14))).toBe(
      (await in5m(hole.startMs, hole.endMs, " AND point_id = 1")) + (await in5m(pending.startMs, pending.endMs)),
    );
    expect(await in5m(hole.startMs, hole.endMs, " AND point_id = 1")).toBe(48);
    expect(await in5m(hole.startMs, hole.endMs, " AND point_id = 2")).toBe(0);
    expect(await in5m(pending.startMs, pending.endMs)).toBe(96);
    expect(await in5m(cutoff(14), Number.MAX_SAFE_INTEGER)).toBeGreaterThan(0);

    // 30-minute rows past 21 days are gone (none are pending or missing their daily row there).
    expect(
      await count("SELECT count(*) AS n FROM point_readings_agg_30m WHERE system_id = ? AND interval_end <= ?", [
        id,
        cutoff(21),
      ]),
    ).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM point_readings_agg_1d WHERE system_id = ? AND day < ?", [
        id,
        cutoffDay(35),
      ]),
    ).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM energy_daily WHERE system_id = ? AND day < ?", [id, cutoffDay(35)]),
    ).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM energy_daily WHERE system_id = ? AND day >= ?", [id, cutoffDay(35)]),
    ).toBeGreaterThan(0);

    // A second run finds nothing more to do.
    const again = await runCleanup({ now: NOW, retention: RETENTION, sink: null });
    expect(Object.values(again.tiers).map((o) => o.removed)).toEqual([0, 0, 0, 0, 0]);
  });

  it("archives what it removes, one Parquet file per tier, system and local month, and merges later runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "archive-"));
    try {
      const id = await seedSystem("archive-local");
      const sink = localSink(dir);
      const s = [id];
      const rawBefore = (
        await t.db.$client.execute({
          sql: "SELECT point_id, measurement_time, value FROM point_readings WHERE system_id = ? AND measurement_time < ? ORDER BY 1, 2",
          args: [id, cutoff(7)],
        })
      ).rows.map((r) => [Number(r.point_id), Number(r.measurement_time), Number(r.value)]);
      // First a run keeping 10 raw days, then one keeping 7: the month's file gains the later days.
      await runRetention({ now: NOW, retention: { ...RETENTION, raw: 10 }, sink });
      const res = await runRetention({ now: NOW, retention: RETENTION, sink });
      expect(res.archive).toBe(sink.where);
      const months = [...new Set(rawBefore.map((r) => localDay(r[1], ZONE).slice(0, 7)))];
      const back: number[][] = [];
      for (const m of months) {
        const bytes = await sink.get(archiveKey("raw", id, m));
        expect(bytes).not.toBeNull();
        for (const r of await readParquet(bytes!)) {
          expect(r.system_id).toBe(id);
          back.push([Number(r.point_id), Number(r.measurement_time), Number(r.value)]);
        }
      }
      back.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(back).toEqual(rawBefore);
      expect(
        await count("SELECT count(*) AS n FROM point_readings WHERE system_id = ? AND measurement_time < ?", [
          id,
          cutoff(7),
        ]),
      ).toBe(0);
      const daily = await sink.get(archiveKey("daily", id, cutoffDay(36).slice(0, 7)));
      expect((await readParquet(daily!)).every((r) => typeof r.day === "string" && r.day < cutoffDay(35))).toBe(true);
      expect(
        await count("SELECT count(*) AS n FROM point_readings_agg_1d WHERE system_id = ? AND day < ?", [
          id,
          cutoffDay(35),
        ]),
      ).toBe(0);
      expect(s.length).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("removes nothing when the archive cannot be written", async () => {
    const id = await seedSystem("archive-broken");
    const broken: ArchiveSink = {
      where: "broken",
      get: async () => null,
      put: async () => {
        throw new Error("bucket unreachable");
      },
    };
    const before = await count("SELECT count(*) AS n FROM point_readings WHERE system_id = ?", [id]);
    await expect(runRetention({ now: NOW, retention: RETENTION, sink: broken })).rejects.toThrow("bucket unreachable");
    expect(await count("SELECT count(*) AS n FROM point_readings WHERE system_id = ?", [id])).toBe(before);
  });

  it("reports each tier's size, a year's projection and what the next cleanup removes", async () => {
    const id = await seedSystem("stats");
    const env = {
      RAW_RETENTION_DAYS: "7",
      RETENTION_5M_DAYS: "14",
      RETENTION_30M_DAYS: "21",
      RETENTION_DAILY_DAYS: "35",
      RETENTION_ACCOUNTS_DAYS: "35",
    };
    Object.assign(process.env, env);
    resetEnv();
    try {
      const stats = await getRetentionStats(NOW);
      const preview = await previewRetention({ now: NOW, retention: RETENTION });
      expect(stats.archive).toBeNull();
      expect(stats.tiers.map((t) => [t.tier, t.days, t.nextCleanupRows])).toEqual(
        (["raw", "5m", "30m", "daily", "accounts"] as const).map((tier) => [tier, RETENTION[tier], preview[tier]]),
      );
      const raw = stats.tiers[0];
      expect(raw.rows).toBe(await count("SELECT count(*) AS n FROM poll_readings"));
      expect(raw.bytes).toBeGreaterThan(0);
      // 30 recent days of half-hourly polls for this system (the others' data is older than NOW's window too).
      expect(raw.rowsPerYear).toBeGreaterThan(0);
      expect(raw.projectedRows).toBe(projectRows(raw.rows, raw.rowsPerYear, 7));
      expect(await count("SELECT count(*) AS n FROM poll_readings WHERE system_id = ?", [id])).toBeGreaterThan(0);
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
      resetEnv();
    }
    expect(projectRows(1000, 365, null)).toBe(1365);
    expect(projectRows(1000, 365, 90)).toBe(90);
    expect(projectRows(10, 365, 90)).toBe(90);
    expect(projectRows(10, 3650, 3650)).toBe(3660);
  });
});
