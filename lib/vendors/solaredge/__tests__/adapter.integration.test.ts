import { DateTime } from "luxon";
import { SOLAREDGE_DEMO_KEY, SOLAREDGE_OTHER_KEY } from "@/scripts/emulators/solaredge/accounts";
import { createSolarEdgeEmulator, type SolarEdgeEmulator } from "@/scripts/emulators/solaredge/emulator";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import type { SimState } from "@/scripts/emulators/sim";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { VendorError, vendorStateOf, type AdapterContext, type Reading, type VendorErrorCode } from "../../types";
import { createSolarEdgeAdapter, type SolarEdgeCredentials } from "../adapter";
import { solarEdgeIsDue } from "../schedule";
import { vendorFailure } from "@/test/helpers/vendor-errors";
import { pathOfPoint } from "@/lib/points";

// 2025-12-15 12:00 AWST (Perth) = 15:00 AEDT (Hobart).
const T = Date.parse("2025-12-15T04:00:00Z");
const MIN = 60_000;
const KEY: SolarEdgeCredentials = { apiKey: SOLAREDGE_DEMO_KEY };
const ZONES: Record<string, string> = { "3101": "Australia/Perth", "3102": "Australia/Hobart" };

let t: TestDb;
let emu: RunningEmulators;
let adapter: ReturnType<typeof createSolarEdgeAdapter>;
const se = () => emu.control.emulator("solaredge") as SolarEdgeEmulator;

type Ctx = AdapterContext<SolarEdgeCredentials>;
function ctx(over: Partial<Ctx> & { site?: string } = {}): Ctx {
  const { site = "3101", ...rest } = over;
  return {
    system: {
      id: 1,
      vendorType: "solaredge",
      vendorSiteId: site,
      displayTimezone: ZONES[site] ?? "UTC",
      location: null,
      metadata: null,
    },
    credentials: KEY,
    state: null,
    now: new Date(emu.control.now()),
    ...rest,
  };
}
const pathOf = (r: Reading) => pathOfPoint(r.point);
const failure = vendorFailure;
/** Skip the one-off details and hourly energy calls: a live-only poll. */
const liveOnly = (site = "3101") => ({
  siteTimezone: ZONES[site],
  energyFetchedAtMs: emu.control.now(),
  energyThroughMs: emu.control.now(),
});

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0, emulators: [createSolarEdgeEmulator()] });
  adapter = createSolarEdgeAdapter({ baseUrl: emu.urls.solaredge, timeoutMs: 3_000, ledger: null });
});
afterAll(async () => {
  await emu.close();
  t.cleanup();
});
beforeEach(() => {
  emu.control.reset();
  emu.control.setClock(T);
});

describe("SolarEdge adapter against the Monitoring API emulator", () => {
  it.each([
    ["3101", "kW, noon", 0],
    ["3101", "kW, evening", 8 * 60],
    ["3101", "kW, night", 14 * 60],
    ["3102", "no unit field (kW numbers), afternoon", 60],
    ["3102", "no unit field (kW numbers), night", 10 * 60],
  ])("reads site %s (%s) within 0.5%% of the simulator with canonical signs", async (site, _label, offsetMin) => {
    const now = T + offsetMin * MIN;
    emu.control.setClock(now);
    const r = await adapter.fetchLatestData!(ctx({ site, now: new Date(now), state: liveOnly(site) }));
    const truth = emu.control.truth("solaredge", site, now) as SimState;
    const numeric = r.readings.filter((x) => x.point.metricType === "power" || x.point.metricType === "soc");
    const got = Object.fromEntries(numeric.map((x) => [pathOf(x), x]));
    // Each node's status and the battery's critical flag are kept too; no unit error on a flow without a unit.
    expect(
      r.readings
        .filter((x) => x.point.metricType === "text")
        .map(pathOf)
        .sort(),
    ).toEqual(["bidi.battery.status/text", "bidi.grid.status/text", "load.status/text", "source.solar.status/text"]);
    expect(r.readings.find((x) => pathOf(x) === "bidi.battery.critical/code")?.value).toBe(0);
    expect(r.sessionLabel).not.toMatch(/warning/);
    expect(r.state?.unitError).toBeUndefined();
    const expected: Record<string, [number, string, number]> = {
      "source.solar/power": [truth.solarW, "W", 1],
      "load/power": [truth.loadW, "W", 1],
      "bidi.grid/power": [truth.gridW, "W", 1],
      "bidi.battery/power": [truth.batteryW, "W", 1],
      "bidi.battery/soc": [truth.socPct, "%", 0.5], // chargeLevel is a whole percent
    };
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, [value, unit, abs]] of Object.entries(expected)) {
      expect({ path, unit: got[path].point.unit }).toEqual({ path, unit });
      const tol = Math.max(Math.abs(value) * 0.005, abs);
      if (Math.abs((got[path].value as number) - value) > tol)
        throw new Error(`${path}: ${got[path].value} vs ${value}`);
      expect(got[path].measurementTimeMs).toBe(now);
    }
  });

  it("back-fills quarter-hour energies from the start of yesterday, daily sums within 0.5% of the truth", async () => {
    const r = await adapter.fetchLatestData!(ctx());
    const zone = ZONES["3101"];
    const yesterday = DateTime.fromMillis(T, { zone }).startOf("day").minus({ days: 1 });
    const from = yesterday.toMillis();
    const to = yesterday.plus({ days: 1 }).toMillis();
    const solar = r.intervals!.filter(
      (i) => i.point.originId === "Production" && i.intervalEndMs > from && i.intervalEndMs <= to,
    );
    expect(solar).toHaveLength(288);
    const a = emu.control.truth("solaredge", "3101", from) as SimState;
    const b = emu.control.truth("solaredge", "3101", to) as SimState;
    const trueWh = b.counters.solarWh - a.counters.solarWh;
    const sum = solar.reduce((s, i) => s + i.delta!, 0);
    expect(Math.abs(sum - trueWh) / trueWh).toBeLessThan(0.005);
    expect(r.state).toMatchObject({ siteTimezone: zone, energyFetchedAtMs: T, energyThroughMs: T });
    expect(r.sessionLabel).toMatch(/quarter-hour energies from 2025-12-14 00:00:00 to 2025-12-15 12:00:00/);
    // Within the hour: live only.
    const before = se().usage(T, SOLAREDGE_DEMO_KEY, 3101).site;
    emu.control.setClock(T + 5 * MIN);
    const next = await adapter.fetchLatestData!(ctx({ now: new Date(T + 5 * MIN), state: r.state! }));
    expect(next.intervals).toEqual([]);
    expect(se().usage(T, SOLAREDGE_DEMO_KEY, 3101).site - before).toBe(1);
  });

  it("keeps a 25-hour DST day exact (Hobart, 2025-04-06)", async () => {
    const zone = ZONES["3102"];
    const day = DateTime.fromISO("2025-04-06", { zone });
    const now = day.plus({ days: 1, hours: 1 }).toMillis();
    emu.control.setClock(now);
    const r = await adapter.fetchLatestData!(ctx({ site: "3102", now: new Date(now) }));
    const [from, to] = [day.toMillis(), day.plus({ days: 1 }).toMillis()];
    const load = r.intervals!.filter(
      (i) => i.point.originId === "Consumption" && i.intervalEndMs > from && i.intervalEndMs <= to,
    );
    expect(load).toHaveLength(300);
    expect(new Set(load.map((i) => i.intervalEndMs)).size).toBe(300);
    const truth = emu.control.truth("solaredge", "3102", to) as SimState;
    const start = emu.control.truth("solaredge", "3102", from) as SimState;
    const trueWh = truth.counters.loadWh - start.counters.loadWh;
    expect(Math.abs(load.reduce((s, i) => s + i.delta!, 0) - trueWh) / trueWh).toBeLessThan(0.005);
  });

  it.each<[string, string, VendorErrorCode, Record<string, unknown>]>([
    ["expired_session", "a revoked key", "AUTH_FAILED", { status: 403 }],
    ["rate_limit", "HTTP 429", "RATE_LIMITED", { status: 429, retryAfterMs: 30_000 }],
    ["server_error", "HTTP 500", "HTTP_ERROR", { status: 500 }],
    ["maintenance", "HTTP 503", "HTTP_ERROR", { status: 503 }],
    ["malformed_json", "malformed JSON", "BAD_RESPONSE", {}],
    ["empty_data", "an empty power flow", "NO_DATA", {}],
  ])("maps %s (%s) to %s", async (mode, _label, code, options) => {
    emu.control.setMode({ vendor: "solaredge", mode: mode as never });
    const err = await failure(adapter.fetchLatestData!(ctx({ state: liveOnly() })));
    expect(err.code).toBe(code);
    expect(err.options).toMatchObject(options);
    expect(err.message).not.toContain(SOLAREDGE_DEMO_KEY);
  });

  it("reports bad keys and other accounts' sites as AUTH_FAILED without echoing the key", async () => {
    emu.control.setMode({ vendor: "solaredge", mode: "bad_credentials" });
    const { system: _s, ...noSystem } = ctx();
    expect((await failure(adapter.testConnection!(noSystem))).code).toBe("AUTH_FAILED");
    emu.control.reset();
    emu.control.setClock(T);
    const wrong = await failure(
      adapter.fetchLatestData!(ctx({ credentials: { apiKey: "WRONGKEY0123456789ABCDEF" }, state: liveOnly() })),
    );
    expect(wrong).toMatchObject({ code: "AUTH_FAILED", message: expect.stringMatching(/HTTP 403 Invalid token/) });
    const other = await failure(
      adapter.fetchLatestData!(ctx({ credentials: { apiKey: SOLAREDGE_OTHER_KEY }, state: liveOnly() })),
    );
    expect(other.message).toMatch(/cannot see site 3101/);
    expect(other.message).not.toContain(SOLAREDGE_OTHER_KEY);
  });

  it("gives up with TIMEOUT when SolarEdge does not answer", async () => {
    const quick = createSolarEdgeAdapter({ baseUrl: emu.urls.solaredge, timeoutMs: 200, ledger: null });
    emu.control.setMode({ vendor: "solaredge", mode: "timeout" });
    expect((await failure(quick.fetchLatestData!(ctx({ state: liveOnly() })))).code).toBe("TIMEOUT");
  });

  it("keeps the looked-up time zone when the live call then fails, so no quota call is spent on it again", async () => {
    let calls = 0;
    const refuseSecond = {
      reserve: async () => {
        if (++calls >= 2) throw new VendorError("RATE_LIMITED", "SolarEdge API quota used up", { retryAfterMs: 1000 });
      },
    };
    const flaky = createSolarEdgeAdapter({ baseUrl: emu.urls.solaredge, timeoutMs: 3_000, ledger: refuseSecond });
    const err = await flaky.fetchLatestData!(ctx({ state: null })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "RATE_LIMITED" });
    expect(vendorStateOf(err)).toEqual({ siteTimezone: ZONES["3101"] });
    // With the time zone known, a failure attaches nothing (the saved state stays as it is).
    const again = await flaky.fetchLatestData!(ctx({ state: { siteTimezone: ZONES["3101"] } })).catch((e) => e);
    expect(again).toMatchObject({ code: "RATE_LIMITED" });
    expect(vendorStateOf(again)).toBeUndefined();
  });

  it("keeps the live values when the hourly energy call fails, and retries the gap next time", async () => {
    let calls = 0;
    const refuseSecond = {
      reserve: async () => {
        if (++calls === 2) throw new VendorError("RATE_LIMITED", "SolarEdge API quota used up", { retryAfterMs: 1000 });
      },
    };
    const flaky = createSolarEdgeAdapter({ baseUrl: emu.urls.solaredge, timeoutMs: 3_000, ledger: refuseSecond });
    const r = await flaky.fetchLatestData!(ctx({ state: { siteTimezone: ZONES["3101"] } }));
    expect(r.readings.filter((x) => x.value !== null)).toHaveLength(6); // 4 powers, SoC, critical
    expect(r.intervals).toEqual([]);
    expect(r.sessionLabel).toMatch(/energy back-fill failed \(RATE_LIMITED\)/);
    expect(r.state).toEqual({ siteTimezone: ZONES["3101"] }); // cursor unchanged: the next hour retries
    const again = await flaky.fetchLatestData!(ctx({ state: r.state! }));
    expect(again.intervals!.length).toBeGreaterThan(0);
  });

  it("stops at 300 calls a day per site in its own ledger, before SolarEdge refuses", async () => {
    const ledgered = createSolarEdgeAdapter({ baseUrl: emu.urls.solaredge, timeoutMs: 3_000 });
    for (let i = 0; i < 300; i++) await ledgered.fetchLatestData!(ctx({ state: liveOnly() }));
    const err = await failure(ledgered.fetchLatestData!(ctx({ state: liveOnly() })));
    expect(err).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/300 calls per day/) });
    expect(err.options.retryAfterMs).toBe(Date.parse("2025-12-16T00:00:00Z") - T);
    expect(se().usage(T, SOLAREDGE_DEMO_KEY, 3101)).toEqual({ key: 300, site: 300 });
  });

  it("refuses a fourth concurrent call with 429 (the emulator holds answers to overlap them)", async () => {
    se().setHoldMs(300);
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => adapter.fetchLatestData!(ctx({ state: liveOnly() }))),
    );
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as VendorError).code : "ok")).sort();
    expect(codes).toEqual(["RATE_LIMITED", "ok", "ok", "ok"]);
  });

  it("discovers the key's sites with time zone, coordinates and size, and shows the latest values", async () => {
    const { system: _s, ...noSystem } = ctx();
    const r = await adapter.testConnection!(noSystem);
    expect(r.sites.map((s) => [s.vendorSiteId, s.name, s.info?.timezone, s.info?.solarSize])).toEqual([
      ["3101", "Perth Family Home", "Australia/Perth", "8.0 kW"],
      ["3102", "Hobart Cottage", "Australia/Hobart", "5.0 kW"],
    ]);
    expect(r.sites[0].info?.location).toMatchObject({ lat: -31.95, lng: 115.86 });
    expect(r.latest.map(pathOf).sort()).toEqual([
      "bidi.battery.critical/code",
      "bidi.battery.status/text",
      "bidi.battery/power",
      "bidi.battery/soc",
      "bidi.grid.status/text",
      "bidi.grid/power",
      "load.status/text",
      "load/power",
      "source.solar.status/text",
      "source.solar/power",
    ]);
  });

  it("parses a flow whose numbers are numeric strings (site 3103) without dropping a node", async () => {
    const other = { ...ctx({ site: "3103", state: liveOnly() }), credentials: { apiKey: SOLAREDGE_OTHER_KEY } };
    other.system = { ...other.system, displayTimezone: "Australia/Darwin" };
    const r = await adapter.fetchLatestData!({ ...other, state: { ...liveOnly(), siteTimezone: "Australia/Darwin" } });
    const truth = emu.control.truth("solaredge", "3103", T) as SimState;
    const solar = r.readings.find((x) => pathOf(x) === "source.solar/power")!;
    expect(Math.abs((solar.value as number) - truth.solarW)).toBeLessThanOrEqual(Math.max(1, truth.solarW * 0.005));
    const paths = r.readings.map(pathOf);
    for (const p of ["source.solar/power", "load/power", "bidi.grid/power", "bidi.battery/power", "bidi.battery/soc"])
      expect(paths).toContain(p);
    expect(r.sessionLabel).not.toMatch(/warning/);
  });

  it("is due every 5 minutes in daylight and every 30 at night", () => {
    const system = { ...ctx().system, location: { lat: -31.95, lng: 115.86 } };
    const noon = new Date(T);
    const midnight = new Date(T + 12 * 60 * MIN);
    expect(solarEdgeIsDue(system, null, noon)).toBe(true);
    expect(solarEdgeIsDue(system, T - 4 * MIN, noon)).toBe(false);
    expect(solarEdgeIsDue(system, T - 5 * MIN, noon)).toBe(true);
    expect(solarEdgeIsDue(system, midnight.getTime() - 10 * MIN, midnight)).toBe(false);
    expect(solarEdgeIsDue(system, midnight.getTime() - 30 * MIN, midnight)).toBe(true);
  });
});
