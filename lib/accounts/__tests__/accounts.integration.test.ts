import { catchUpDaily, clearDaily, regenerateDaily } from "@/lib/aggregation";
import { createComposite } from "@/lib/composite";
import { dayBounds } from "@/lib/time/zones";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { accountsAfterDaily, clearDailyAccounts, getEnergyAccounts, getIntervalAccounts, regenerateAccounts } from "..";
import { writeDailyAccounts } from "../days";
import { loadDays } from "../store";
import { constant, counterRows, FIVE, put5m, systemWith } from "./fixtures";

let t: TestDb;
const H = 3_600_000;
const owner = { kind: "user" as const, userId: "owner", isPlatformAdmin: false, via: "local" as const };

beforeAll(async () => {
  t = await createTestDb();
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  await insertTestUser(t.db, "owner");
});
afterAll(() => t.cleanup());

describe("local days: DST and half-hour zones", () => {
  it.each([
    ["Melbourne, DST ends (25 h)", "Australia/Melbourne", "2026-04-05", 300],
    ["Melbourne, DST starts (23 h)", "Australia/Melbourne", "2026-10-04", 276],
    ["Adelaide (+9:30/+10:30)", "Australia/Adelaide", "2026-06-10", 288],
    ["Kolkata (+5:30)", "Asia/Kolkata", "2026-06-10", 288],
  ])("%s: the day holds its own intervals and energy", async (_name, zone, day, intervals) => {
    const s = await systemWith(t.db, zone, { solar: "source.solar/power", grid: "bidi.grid/power" });
    const { startMs, endMs } = dayBounds(day, zone);
    // A margin either side: energy outside the local day must not leak in.
    await put5m(t.db, s.id, s.p.solar, constant(startMs - 2 * H, endMs + 2 * H, 1200));
    await put5m(t.db, s.id, s.p.grid, constant(startMs - 2 * H, endMs + 2 * H, 300));
    const res = await getEnergyAccounts({ systemId: s.id, period: "day", from: day, nowMs: endMs + 3 * H });
    expect(res.rows).toHaveLength(1);
    const row = res.rows[0];
    expect(row).toMatchObject({ key: day, startMs, endMs, complete: true, inProgress: false });
    expect(row.coverage.intervals).toBe(intervals);
    expect(row.flows.solar.wh).toBeCloseTo((1200 * intervals) / 12, 6);
    expect(row.flows.load).toMatchObject({ provenance: "derived", wh: expect.closeTo((1500 * intervals) / 12, 6) });
    expect(row.flows.batteryCharge).toMatchObject({
      wh: null,
      provenance: "unknown",
      reason: "this system reports no battery",
    });
    expect(row.selfSufficiencyPct).toBeCloseTo(80, 6);
    // Stored on read for next time.
    expect((await loadDays(s.id, day, day)).map((d) => d.day)).toEqual([day]);
  });
});

describe("gaps", () => {
  const zone = "Australia/Melbourne";
  const d1 = "2026-03-10";
  const d2 = "2026-03-11";
  const { startMs, endMs: midnight } = dayBounds(d1, zone);
  const end2 = dayBounds(d2, zone).endMs;

  it("a counter gap across midnight splits between the two days; each day's total is exact", async () => {
    const s = await systemWith(t.db, zone, { solarE: "source.solar/energy!" });
    const sys = { id: s.id, vendorType: "test", displayTimezone: zone };
    // 10 Wh per 5 minutes; nothing from 23:00 to 01:00: the 01:05 row carries 25 intervals' energy.
    const rows = counterRows(startMs - H, end2, 10, [[midnight - H, midnight + H]]);
    // The daily job runs for day 1 before the counter is back: its last hour is unknown, not 0.
    await put5m(
      t.db,
      s.id,
      s.p.solarE,
      rows.filter(([e]) => e <= midnight),
    );
    expect(await writeDailyAccounts(sys, [d1], midnight + 5 * 60_000)).toBe(1);
    const early = (await loadDays(s.id, d1, d1))[0];
    expect(early.totals.flows.solar.wh).toBeCloseTo(2760, 6);
    expect(early.complete).toBe(false);
    // Day 2's job finds the gap reaching into day 1 and rewrites day 1 too.
    await put5m(
      t.db,
      s.id,
      s.p.solarE,
      rows.filter(([e]) => e > midnight),
    );
    const now = end2 + H;
    expect(await writeDailyAccounts(sys, [d2], now)).toBe(2);
    const res = await getEnergyAccounts({ systemId: s.id, period: "day", from: d1, to: d2, nowMs: now });
    expect(res.rows.map((r) => r.flows.solar.wh)).toEqual([expect.closeTo(2880, 6), expect.closeTo(2880, 6)]);
    expect(res.rows.map((r) => r.flows.solar.provenance)).toEqual(["interpolated", "interpolated"]);
    expect(res.rows[0].complete).toBe(true);
    const iv = await getIntervalAccounts(s.id, midnight - 2 * H, midnight + 2 * H, now);
    const wh = iv.intervals.map((i) => i.flows.solar.wh!);
    expect(Math.max(...wh)).toBeCloseTo(10, 6); // no spike
    expect(iv.intervals.find((i) => i.endMs === midnight)!.flows.solar.provenance).toBe("interpolated");
  });

  it("a gap inside a day is spread in proportion to power; no interval spikes", async () => {
    const s = await systemWith(t.db, zone, { solarE: "source.solar/energy!", solarP: "source.solar/power" });
    const gapFrom = startMs + 10 * H;
    await put5m(t.db, s.id, s.p.solarE, counterRows(startMs, midnight, 50, [[gapFrom, gapFrom + H]]));
    // Power: 600 W everywhere except 0 W in the first half of the gap.
    await put5m(t.db, s.id, s.p.solarP, [
      ...constant(startMs, gapFrom, 600),
      ...constant(gapFrom, gapFrom + H / 2, 0),
      ...constant(gapFrom + H / 2, midnight, 600),
    ]);
    const iv = await getIntervalAccounts(s.id, gapFrom, gapFrom + H + FIVE, midnight + H);
    const wh = iv.intervals.map((i) => i.flows.solar.wh);
    expect(wh.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    // 13 intervals × 50 Wh over the last 7 powered intervals (the six of the gap's second half and the row itself).
    for (const v of wh.slice(6, 13)) expect(v).toBeCloseTo((13 * 50) / 7, 6);
    const day = await getEnergyAccounts({ systemId: s.id, period: "day", from: d1, nowMs: midnight + H });
    expect(day.rows[0].flows.solar.wh).toBeCloseTo(288 * 50, 6);
  });

  it("a counter reset is recovered from power over one reading's spacing", async () => {
    const s = await systemWith(t.db, zone, { solarE: "source.solar/energy!", solarP: "source.solar/power" });
    const rows = counterRows(startMs, midnight, 50);
    const at = 100;
    // The counter restarts from 0 inside interval `at`: its delta (steps after the reset) is 40, its last 40.
    rows[at] = [rows[at][0], { avg: 20, last: 40, delta: 40 }];
    for (let i = at + 1; i < rows.length; i++) rows[i] = [rows[i][0], { avg: 0, last: 40 + (i - at) * 50, delta: 50 }];
    await put5m(t.db, s.id, s.p.solarE, rows);
    await put5m(t.db, s.id, s.p.solarP, constant(startMs, midnight, 600));
    const day = await getEnergyAccounts({ systemId: s.id, period: "day", from: d1, nowMs: midnight + H });
    // 600 W over a fifth of 5 minutes = 10 Wh: the lost step comes back.
    expect(day.rows[0].flows.solar.wh).toBeCloseTo(288 * 50, 6);
    expect(day.rows[0].flows.solar.parts).toEqual({ measured: expect.any(Number), integrated: 50 });
  });
});

describe("composites", () => {
  const zone = "Australia/Melbourne";
  const day = "2026-05-20";
  const { startMs, endMs } = dayBounds(day, zone);
  let a: Awaited<ReturnType<typeof systemWith>>;
  let b: Awaited<ReturnType<typeof systemWith>>;
  let full: number;
  let partial: number;

  beforeAll(async () => {
    a = await systemWith(t.db, zone, { solar: "source.solar/power", grid: "bidi.grid/power", load: "load/power" });
    // B is in Kolkata: its own days differ; the composite's days are Melbourne's.
    b = await systemWith(t.db, "Asia/Kolkata", {
      solar: "source.solar/power",
      grid: "bidi.grid/power",
      load: "load/power",
    });
    const span = (s: typeof a, k: number) =>
      Promise.all([
        put5m(t.db, s.id, s.p.solar, constant(startMs - 12 * H, endMs + 12 * H, 1000 * k)),
        put5m(t.db, s.id, s.p.grid, constant(startMs - 12 * H, endMs + 12 * H, -200 * k)),
        put5m(t.db, s.id, s.p.load, constant(startMs - 12 * H, endMs + 12 * H, 800 * k)),
      ]);
    await span(a, 1);
    await span(b, 2);
    const refs = (cat: "solar" | "grid" | "load") => [
      { systemId: a.id, pointId: a.p[cat] },
      { systemId: b.id, pointId: b.p[cat] },
    ];
    full = (
      await createComposite(owner, {
        displayName: "Both",
        displayTimezone: zone,
        mappings: { solar: refs("solar"), grid: refs("grid"), load: refs("load") },
      })
    ).id;
    partial = (
      await createComposite(owner, {
        displayName: "Solar of B without its load",
        displayTimezone: zone,
        mappings: { solar: refs("solar"), grid: [refs("grid")[0]], load: [refs("load")[0]] },
      })
    ).id;
  });

  it("each interval, day and month equals the sum of its sources' accounts", async () => {
    const now = endMs + H;
    const [ca, cb, cc] = await Promise.all(
      [a.id, b.id, full].map((id) => getIntervalAccounts(id, startMs, endMs, now)),
    );
    expect(cc.intervals).toHaveLength(288);
    cc.intervals.forEach((iv, i) => {
      for (const f of ["solar", "load", "gridExport", "gridImport"] as const) {
        expect(iv.flows[f].wh).toBeCloseTo(ca.intervals[i].flows[f].wh! + cb.intervals[i].flows[f].wh!, 9);
      }
    });
    const dayRes = await getEnergyAccounts({ systemId: full, period: "day", from: day, nowMs: now });
    const sum = (xs: typeof cc.intervals, f: "solar" | "load") => xs.reduce((s, x) => s + x.flows[f].wh!, 0);
    expect(dayRes.rows[0].flows.solar.wh).toBeCloseTo(sum(cc.intervals, "solar"), 6);
    expect(dayRes.rows[0].flows.load.wh).toBeCloseTo(sum(ca.intervals, "load") + sum(cb.intervals, "load"), 6);
    const month = await getEnergyAccounts({ systemId: full, period: "month", from: day, nowMs: now });
    const days = await getEnergyAccounts({
      systemId: full,
      period: "day",
      from: "2026-05-01",
      to: "2026-05-31",
      nowMs: now,
    });
    expect(days.rows).toHaveLength(21); // days after today are not rows yet
    for (const f of ["solar", "load", "gridExport"] as const) {
      const total = days.rows.reduce((s, r) => s + (r.flows[f].wh ?? 0), 0);
      expect(month.rows[0].flows[f].wh).toBeCloseTo(total, 6);
      expect(month.total.flows[f].wh).toBeCloseTo(total, 6);
    }
    // Today (the hour of it that has ended) is computed on read; days without data stay unknown.
    expect(days.rows[20]).toMatchObject({ key: "2026-05-21", inProgress: true });
    expect(days.rows[20].flows.solar.wh).toBeCloseTo(3000, 6);
    expect(days.rows[0].flows.solar).toMatchObject({ wh: null, provenance: "unknown" });
    expect(month.rows[0].key).toBe("2026-05");
    expect(month.composite?.members.map((m) => m.systemId).sort()).toEqual([a.id, b.id].sort());
  });

  it("a member that brings solar but not its load or grid makes those flows unknown, naming it", async () => {
    const res = await getEnergyAccounts({ systemId: partial, period: "day", from: day, nowMs: endMs + H });
    const row = res.rows[0];
    expect(row.flows.solar.wh).toBeCloseTo(3000 * 24, 6);
    expect(row.flows.load).toMatchObject({ wh: null, provenance: "unknown" });
    expect(row.flows.load.reason).toMatch(/Test system shares in the balance but its load is not in this composite/);
    expect(row.selfConsumptionPct).toBeNull();
    expect(res.composite?.notes.length).toBeGreaterThan(0);
  });

  it("regenerate writes the composite's rows", async () => {
    const r = await regenerateDaily(full, day, day, regenerateAccounts);
    expect(r.accountRows).toBe(1);
    expect((await loadDays(full, day, day))[0].totals.flows.solar.wh).toBeCloseTo(3000 * 24, 6);
  });
});

describe("the daily job", () => {
  const zone = "Australia/Melbourne";
  const day = "2026-07-01";
  const { startMs, endMs } = dayBounds(day, zone);

  it("catch-up (with the accounts step) writes the day's accounts and those of the composites using it; clear removes them", async () => {
    const s = await systemWith(t.db, zone, { solar: "source.solar/power", grid: "bidi.grid/power" });
    await put5m(t.db, s.id, s.p.solar, constant(startMs, endMs, 500));
    await put5m(t.db, s.id, s.p.grid, constant(startMs, endMs, 100));
    const c = await createComposite(owner, {
      displayName: "Just one",
      displayTimezone: zone,
      mappings: { solar: [{ systemId: s.id, pointId: s.p.solar }], grid: [{ systemId: s.id, pointId: s.p.grid }] },
    });
    await t.db.$client.execute({
      sql: "INSERT INTO daily_pending (system_id, day, version, updated_at) VALUES (?, ?, 1, 0)",
      args: [s.id, day],
    });
    const r = await catchUpDaily({
      now: new Date(endMs + 10 * 60_000),
      systemId: s.id,
      afterDaily: accountsAfterDaily,
    });
    expect(r).toMatchObject({ days: 1, accountRows: 2 });
    const [own] = await loadDays(s.id, day, day);
    const [composite] = await loadDays(c.id, day, day);
    expect(own.totals.flows.load.wh).toBeCloseTo(600 * 24, 6);
    // The composite maps no load: it stays unknown there, while the system derives its own.
    expect(composite.totals.flows.solar.wh).toBeCloseTo(500 * 24, 6);
    expect(composite.totals.flows.load.known).toBe(0);
    await clearDaily(s.id, day, day);
    await clearDailyAccounts(s.id, day, day);
    expect(await loadDays(s.id, day, day)).toEqual([]);
  });
});
