import type { HistorySeries, LatestResponse } from "@/lib/api/contracts";
import type { UserCaller } from "@/lib/auth/types";
import { queryHistory } from "@/lib/history";
import { getLatest } from "@/lib/kv";
import { localDay, dayBounds } from "@/lib/time/zones";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestUser } from "@/test/helpers/test-vendor";
import { createComposite, syntheticPointId, type CompositeLatestResponse } from "..";
import { DAY, NOW, pointIdOf, seedSources, type Sources } from "./fixtures";

// Acceptance: a composite over three vendors (Selectronic via its emulator, Enphase and Amber shaped intervals)
// equals the sum of its sources, live and for 1D / 7D / 30D, at the 5-minute, 30-minute and daily levels.
const ZONE = "Australia/Melbourne";
const owner: UserCaller = { kind: "user", userId: "owner", isPlatformAdmin: false, via: "local" };
let t: TestDb;
let emu: RunningEmulators;
let src: Sources;
let compositeId: number;
let socId: number;

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0 });
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  await insertTestUser(t.db, "owner");
  src = await seedSources(t.db, emu, "owner");
  const ref = async (systemId: number, path: string) => ({ systemId, pointId: await pointIdOf(t.db, systemId, path) });
  const S = src.selectronic;
  socId = (await ref(S, "bidi.battery/soc")).pointId;
  const summary = await createComposite(owner, {
    displayName: "Whole home",
    alias: "whole_home",
    displayTimezone: ZONE,
    mappings: {
      solar: [
        await ref(S, "source.solar/power"),
        await ref(S, "source.solar/energy"),
        await ref(src.enphase, "source.solar/power"),
        await ref(src.enphase, "source.solar/energy"),
      ],
      battery: [await ref(S, "bidi.battery/power"), await ref(S, "bidi.battery/soc")],
      load: [await ref(S, "load/power")],
      grid: [
        await ref(S, "bidi.grid/power"),
        await ref(S, "bidi.grid.import/energy"),
        await ref(src.amber, "bidi.grid.import/energy"),
        await ref(src.amber, "bidi.grid.import/price"),
      ],
    },
    capacities: { [`${S}:${socId}`]: 13_500 },
  });
  compositeId = summary.id;
  expect(summary).toMatchObject({ vendorType: "composite", role: "owner", displayTimezone: ZONE, alias: "whole_home" });
}, 120_000);
afterAll(async () => {
  await emu.close();
  t.cleanup();
});

const valueOf = (r: LatestResponse, path: string) => r.points.find((p) => p.path === path)?.value;

describe("live values", () => {
  it("are the sum of the sources' latest values, keyed by source point (two solar sources both count)", async () => {
    const latest = (await getLatest(compositeId)) as CompositeLatestResponse;
    const s = await getLatest(src.selectronic);
    const e = await getLatest(src.enphase);
    const a = await getLatest(src.amber);
    expect(latest.systemId).toBe(compositeId);
    expect(valueOf(s, "source.solar/power")).toBeGreaterThan(0);
    expect(valueOf(latest, "source.solar/power")).toBeCloseTo(
      valueOf(s, "source.solar/power")! + valueOf(e, "source.solar/power")!,
      6,
    );
    for (const path of ["bidi.battery/power", "bidi.battery/soc", "load/power", "bidi.grid/power"]) {
      expect(valueOf(latest, path)).toBeCloseTo(valueOf(s, path)!, 6);
    }
    expect(valueOf(latest, "bidi.grid.import/price")).toBe(valueOf(a, "bidi.grid.import/price"));
    // A lifetime counter (Selectronic) and interval amounts (Amber) cannot be added live: shown as such.
    const mixed = latest.points.find((p) => p.path === "bidi.grid.import/energy")!;
    expect(mixed.value).toBeNull();
    expect(mixed.displayName).toMatch(/mixed/);
    expect(latest.points.every((p) => p.pointId < 0)).toBe(true);
    expect(latest.composite.sources.map((x) => x.status)).toEqual(["ok", "ok", "ok"]);
    const solar = latest.composite.points.find((p) => p.path === "source.solar/power")!;
    expect(solar.members.map((m) => m.systemId).sort()).toEqual([src.selectronic, src.enphase].sort());
  });
});

/** Expected composite series: per timestamp the sum (or, for power, null unless both have a value). */
function expectedSum(field: HistorySeries["field"], parts: HistorySeries["data"][]): Map<number, number | null> {
  const out = new Map<number, number | null>();
  const times = [...new Set(parts.flatMap((p) => p.map(([time]) => time)))];
  const maps = parts.map((p) => new Map(p));
  for (const time of times) {
    const vs = maps.map((m) => m.get(time) ?? null);
    const present = vs.filter((v): v is number => v !== null);
    if (field === "avg" && present.length < vs.length) out.set(time, null);
    else out.set(time, present.length ? present.reduce((x, y) => x + y, 0) : null);
  }
  return out;
}

/** Amber's 5-minute import rows re-grouped by the composite's (Melbourne) local days. */
async function amberByMelbourneDay(startMs: number): Promise<Map<number, number>> {
  const pointId = await pointIdOf(t.db, src.amber, "bidi.grid.import/energy");
  const from = dayBounds(localDay(startMs, ZONE), ZONE).startMs;
  const res = await t.db.$client.execute({
    sql: "SELECT interval_end, delta FROM point_readings_agg_5m WHERE system_id = ? AND point_id = ? AND interval_end > ? AND interval_end <= ?",
    args: [src.amber, pointId, from, NOW],
  });
  const out = new Map<number, number>();
  for (const r of res.rows) {
    const day = dayBounds(localDay(Number(r.interval_end) - 1, ZONE), ZONE).startMs;
    out.set(day, (out.get(day) ?? 0) + Number(r.delta));
  }
  return out;
}

describe.each([
  ["1D", DAY, undefined, "5m"],
  ["7D", 7 * DAY, undefined, "30m"],
  ["7D 5m", 7 * DAY, "5m", "5m"],
  ["7D daily", 7 * DAY, "daily", "daily"],
  ["30D", 30 * DAY, undefined, "daily"],
] as const)("history %s", (_name, spanMs, aggregation, level) => {
  const window = { startMs: NOW - spanMs, endMs: NOW, nowMs: NOW, aggregation };
  const history = (id: number, path: string) =>
    queryHistory({
      systems: [{ id, displayTimezone: id === src.amber ? "Australia/Brisbane" : ZONE }],
      pointKeys: [path],
      ...window,
    });

  it.each([
    ["source.solar/power", "avg"],
    ["source.solar/energy", "delta"],
    ["bidi.battery/soc", "avg"],
  ] as const)("%s equals the sum of the sources", async (path, field) => {
    const composite = await history(compositeId, path);
    expect(composite.aggregation).toBe(level);
    expect(composite.series).toHaveLength(1);
    const series = composite.series[0];
    expect(series).toMatchObject({ systemId: compositeId, path, field });
    const sources = path === "bidi.battery/soc" ? [src.selectronic] : [src.selectronic, src.enphase];
    const parts = await Promise.all(sources.map(async (id) => (await history(id, path)).series[0].data));
    const expected = expectedSum(field, parts);
    expect(series.data.length).toBe(expected.size);
    expect(series.data.filter(([, v]) => v !== null).length).toBeGreaterThan(level === "daily" ? 2 : 10);
    for (const [time, v] of series.data) {
      const want = expected.get(time);
      if (want === null || want === undefined) expect(v).toBeNull();
      else expect(v).toBeCloseTo(want, 6);
    }
  });

  it("answers for a synthetic point id (as the latest values list it) exactly as for its path", async () => {
    const byPath = (await history(compositeId, "source.solar/power")).series;
    const byId = (await history(compositeId, String(syntheticPointId("source.solar/power")))).series;
    expect(byId).toEqual(byPath);
    expect(byId).toHaveLength(1);
  });

  it("bidi.grid.import/energy adds Selectronic's counter deltas and Amber's intervals (Amber by Melbourne days)", async () => {
    const series = (await history(compositeId, "bidi.grid.import/energy")).series[0];
    const s = new Map((await history(src.selectronic, "bidi.grid.import/energy")).series[0].data);
    const a: Map<number, number | null> =
      level === "daily"
        ? await amberByMelbourneDay(window.startMs)
        : new Map((await history(src.amber, "bidi.grid.import/energy")).series[0].data);
    const times = [...new Set([...s.keys(), ...a.keys()])].sort((x, y) => x - y);
    expect(series.data.map(([time]) => time)).toEqual(times);
    for (const [time, v] of series.data) expect(v).toBeCloseTo((s.get(time) ?? 0) + (a.get(time) ?? 0), 6);
    if (level === "daily") {
      // Amber's own (Brisbane) days split the same data differently: the composite's days are what count.
      const own = (await history(src.amber, "bidi.grid.import/energy")).series[0].data.map(([, v]) => v ?? 0);
      const total = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
      expect(own).not.toEqual([...a.values()]);
      expect(total(own)).toBeCloseTo(total([...a.values()].map((v) => v ?? 0)), 6);
    }
  });
});

describe("history 7D at 30m against 5m", () => {
  it.each(["source.solar/energy", "bidi.grid.import/energy"])(
    "%s: the composite's half hours add up to its 5-minute intervals",
    async (path) => {
      const at = async (aggregation: "5m" | "30m") =>
        (
          await queryHistory({
            systems: [{ id: compositeId, displayTimezone: ZONE }],
            pointKeys: [path],
            startMs: NOW - 7 * DAY,
            endMs: NOW,
            nowMs: NOW,
            aggregation,
          })
        ).series[0].data;
      const total = (data: HistorySeries["data"]) => data.reduce((a, [, v]) => a + (v ?? 0), 0);
      const [five, thirty] = [await at("5m"), await at("30m")];
      expect(thirty.length).toBeGreaterThan(10);
      expect(total(thirty)).toBeCloseTo(total(five), 6);
    },
  );
});
