import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { catchUpDaily } from "@/lib/aggregation";
import { getLatest } from "@/lib/kv";
import { pollDueSystems, pollSystem } from "@/lib/polling";
import type { VendorAdapter } from "@/lib/vendors/types";
import { SOLAREDGE_DEMO_KEY } from "@/scripts/emulators/solaredge/accounts";
import { createSolarEdgeEmulator } from "@/scripts/emulators/solaredge/emulator";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import type { SimState } from "@/scripts/emulators/sim";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { insertTestSystem } from "@/test/helpers/test-vendor";
import { callsLeftForSystem } from "../../quota";
import { createSolarEdgeAdapter } from "../adapter";

// The real adapter through the real pipeline (DB quota ledger, ingest, aggregation) against the emulator.
const ZONE = "Australia/Perth";
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const MIN = 60_000;
let t: TestDb;
let emu: RunningEmulators;
let adapter: VendorAdapter;

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0, emulators: [createSolarEdgeEmulator()] });
  adapter = createSolarEdgeAdapter({ baseUrl: emu.urls.solaredge, timeoutMs: 3_000 }) as unknown as VendorAdapter;
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  await emu.close();
  t.cleanup();
});

const q = async (sql: string, args: (string | number)[] = []) =>
  (await t.db.$client.execute({ sql, args })).rows.map((r) => ({ ...r }));

it("polls every 5 minutes, back-fills energies after an outage, and keeps the daily sums exact", async () => {
  const id = await insertTestSystem(t.db, {
    vendorType: "solaredge",
    siteId: "3101",
    zone: ZONE,
    credentials: { apiKey: SOLAREDGE_DEMO_KEY },
  });
  const poll = async (ms: number) => {
    emu.control.setClock(ms);
    const r = await pollSystem(id, { now: new Date(ms), cause: "ADMIN", force: true, resolveAdapter: () => adapter });
    if (r.status !== "succeeded") throw new Error(`${new Date(ms).toISOString()}: ${r.errorCode} ${r.error}`);
  };
  for (let ms = at("2025-12-15T09:00"); ms <= at("2025-12-15T12:00"); ms += 5 * MIN) await poll(ms);
  // Outage from 12:00 until 09:00 the next day (the night included), then polls resume.
  for (let ms = at("2025-12-16T09:00"); ms <= at("2025-12-16T10:30"); ms += 5 * MIN) await poll(ms);

  const energy = await q(
    "SELECT p.origin_id, count(*) AS n, sum(a.delta) AS wh FROM point_readings_agg_5m a JOIN point_info p ON p.system_id = a.system_id " +
      "AND p.id = a.point_id WHERE a.system_id = ? AND p.metric_type = 'energy' AND a.interval_end > ? AND a.interval_end <= ? GROUP BY p.origin_id",
    [id, at("2025-12-15T00:00"), at("2025-12-16T00:00")],
  );
  const a = emu.control.truth("solaredge", "3101", at("2025-12-15T00:00")) as SimState;
  const b = emu.control.truth("solaredge", "3101", at("2025-12-16T00:00")) as SimState;
  const truth: Record<string, number> = {
    Production: b.counters.solarWh - a.counters.solarWh,
    Consumption: b.counters.loadWh - a.counters.loadWh,
    Purchased: b.counters.gridInWh - a.counters.gridInWh,
    FeedIn: b.counters.gridOutWh - a.counters.gridOutWh,
  };
  expect(energy.map((e) => e.origin_id).sort()).toEqual(Object.keys(truth).sort());
  for (const e of energy) {
    expect(Number(e.n)).toBe(288); // the whole of the 15th, night included, though nothing polled after noon
    const want = truth[String(e.origin_id)];
    expect(Math.abs(Number(e.wh) - want)).toBeLessThanOrEqual(Math.max(want * 0.005, 1));
  }
  await catchUpDaily({ now: new Date(at("2025-12-17T12:00")), systemId: id });
  const daily = await q(
    "SELECT d.delta FROM point_readings_agg_1d d JOIN point_info p ON p.system_id = d.system_id AND p.id = d.point_id " +
      "WHERE d.system_id = ? AND d.day = '2025-12-15' AND p.origin_id = 'Production'",
    [id],
  );
  expect(Math.abs(Number(daily[0].delta) - truth.Production) / truth.Production).toBeLessThan(0.005);

  // Live values: signed powers, freshest first.
  const latest = await getLatest(id);
  expect(latest.points.find((p) => p.path === "bidi.battery/soc")?.value).toEqual(expect.any(Number));
  expect(latest.lastUpdateMs).toBe(at("2025-12-16T10:30"));

  // The ledger counted every call; the key never reached the database in plaintext.
  const left = await callsLeftForSystem(
    { vendorType: "solaredge", vendorSiteId: "3101" },
    new Date(at("2025-12-16T10:30")),
  );
  const served = (emu.control.emulator("solaredge") as ReturnType<typeof createSolarEdgeEmulator>).usage(
    at("2025-12-16T10:30"),
    SOLAREDGE_DEMO_KEY,
    3101,
  );
  expect(left![0]).toMatchObject({ period: "day", limit: 300, used: served.site });
  expect(readFileSync(t.url.replace(/^file:/, "")).includes(Buffer.from(SOLAREDGE_DEMO_KEY))).toBe(false);
  expect(JSON.stringify(await q("SELECT response, error FROM sessions"))).not.toContain(SOLAREDGE_DEMO_KEY);
});

it("never runs more than 3 SolarEdge polls at once (a 4th concurrent call would be refused)", async () => {
  const ids: number[] = [];
  for (let i = 0; i < 6; i++) {
    ids.push(
      await insertTestSystem(t.db, {
        vendorType: "solaredge",
        siteId: i % 2 ? "3101" : "3102",
        zone: ZONE,
        owner: `u${i}`,
        credentials: { apiKey: SOLAREDGE_DEMO_KEY },
      }),
    );
  }
  (emu.control.emulator("solaredge") as ReturnType<typeof createSolarEdgeEmulator>).setHoldMs(150);
  const now = at("2025-12-20T12:00");
  emu.control.setClock(now);
  const run = await pollDueSystems({ now: new Date(now), systemIds: ids, force: true, resolveAdapter: () => adapter });
  expect(run.results.map((r) => r.errorCode ?? r.status)).toEqual(ids.map(() => "succeeded"));
});
