import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import type { SimState } from "@/scripts/emulators/sim";
import { createSelectronicAdapter, type SelectronicCredentials } from "../adapter";
import {
  VendorError,
  vendorStateOf,
  type AdapterContext,
  type FetchResult,
  type Reading,
  type VendorErrorCode,
} from "../../types";
import { vendorFailure } from "@/test/helpers/vendor-errors";
import { pathOfPoint } from "@/lib/points";

// 2025-12-15 13:30 AEDT (minute 30 UTC: outside the maintenance window).
const T = Date.parse("2025-12-15T02:30:00Z");
const MIN = 60_000;
const DEMO: SelectronicCredentials = { email: "demo@example.com", password: "demo-password" };

let emu: RunningEmulators;
let adapter: ReturnType<typeof createSelectronicAdapter>;

type Ctx = AdapterContext<SelectronicCredentials>;
function ctx(over: Partial<Ctx> & { site?: string } = {}): Ctx {
  const { site = "1001", ...rest } = over;
  return {
    system: {
      id: 1,
      vendorType: "selectronic",
      vendorSiteId: site,
      displayTimezone: "Australia/Melbourne",
      location: null,
      metadata: null,
    },
    credentials: DEMO,
    state: null,
    now: new Date(emu.control.now()),
    ...rest,
  };
}
const pathOf = (r: Reading) => pathOfPoint(r.point);
const failure = vendorFailure;
const stats = () => emu.control.stats().selectronic ?? { logins: 0, byKind: { data: 0 } };

beforeAll(async () => {
  emu = await startEmulators({ port: 0 });
  adapter = createSelectronicAdapter({ baseUrl: emu.urls.selectronic, timeoutMs: 3_000 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.setClock(T);
});

describe("Selectronic adapter against the select.live emulator", () => {
  it.each([
    ["1001", "afternoon", 0],
    ["1001", "evening", 6 * 60],
    ["1001", "night", 13 * 60],
    ["1002", "afternoon", 30],
    ["1002", "early morning", 17 * 60],
  ])("reports system %s (%s) within 0.5%% of the simulator's truth", async (site, _label, offsetMin) => {
    const at = T + offsetMin * MIN;
    emu.control.setClock(at);
    const result = await adapter.fetchLatestData!(ctx({ site, now: new Date(at) }));
    const truth = emu.control.truth("selectronic", site, at) as SimState;
    const got = Object.fromEntries(result.readings.map((r) => [pathOf(r), r]));
    const expected: Record<string, [number, string]> = {
      "source.solar/power": [truth.solarW, "W"],
      "source.solar.remote/power": [truth.solarRemoteW, "W"],
      "source.solar.local/power": [truth.solarLocalW, "W"],
      "load/power": [truth.loadW, "W"],
      "bidi.battery/power": [truth.batteryW, "W"],
      "bidi.grid/power": [truth.gridW, "W"],
      "bidi.battery/soc": [truth.socPct, "%"],
      "source.generator/code": [0, ""],
      "source.solar/energy": [truth.counters.solarWh, "Wh"],
      "load/energy": [truth.counters.loadWh, "Wh"],
      "bidi.battery.charge/energy": [truth.counters.batteryInWh, "Wh"],
      "bidi.battery.discharge/energy": [truth.counters.batteryOutWh, "Wh"],
      "bidi.grid.import/energy": [truth.counters.gridInWh, "Wh"],
      "bidi.grid.export/energy": [truth.counters.gridOutWh, "Wh"],
    };
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, [value, unit]] of Object.entries(expected)) {
      const r = got[path];
      expect({ path, unit: r.point.unit }).toEqual({ path, unit });
      expect(r.measurementTimeMs).toBe(truth.timeMs);
      const tolerance = Math.max(Math.abs(value) * 0.005, 0.1);
      if (Math.abs((r.value as number) - value) > tolerance) throw new Error(`${path}: got ${r.value}, truth ${value}`);
    }
    // Sign: load = solar + battery (+ discharging) + grid (+ import).
    const v = (p: string) => got[p].value as number;
    expect(v("load/power")).toBeCloseTo(v("source.solar/power") + v("bidi.battery/power") + v("bidi.grid/power"), 0);
  });

  it("converts the kWh counters to Wh and keeps cookies out of the vendor response", async () => {
    const result = await adapter.fetchLatestData!(ctx());
    const items = (result.vendorResponse as { items: Record<string, number> }).items;
    const solar = result.readings.find((r) => r.point.originId === "solar_wh_total")!;
    expect(solar.value).toBeCloseTo(items.solar_wh_total * 1000, 3);
    expect(solar.value).toBeGreaterThan(1_000_000);
    const raw = JSON.stringify(result.vendorResponse);
    expect(raw).not.toMatch(/session|cookie|demo-password/i);
  });

  it("reuses one session across many polls", async () => {
    let state: Ctx["state"] = null;
    for (let i = 0; i < 20; i++) {
      const now = T + i * MIN;
      emu.control.setClock(now);
      const result: FetchResult = await adapter.fetchLatestData!(ctx({ state, now: new Date(now) }));
      if (i === 0) expect(result.state).toMatchObject({ loggedInAt: T });
      else expect(result.state).toBeUndefined(); // unchanged: nothing to re-save
      // The pipeline stores the state as encrypted JSON.
      if (result.state) state = JSON.parse(JSON.stringify(result.state));
    }
    expect(stats().logins).toBe(1);
    expect(stats().byKind.data).toBe(20);
  });

  it("logs in again once when the session has expired, and fails clearly if that does not help", async () => {
    const first = await adapter.fetchLatestData!(ctx());
    emu.control.setMode({ vendor: "selectronic", mode: "expired_session" });
    const again = await adapter.fetchLatestData!(ctx({ state: first.state! }));
    expect(again.readings.length).toBeGreaterThan(10);
    expect(again.state).toBeDefined();
    expect(stats().logins).toBe(2);

    emu.control.setMode({ vendor: "selectronic", mode: "expired_session", count: 2 });
    const err = await failure(adapter.fetchLatestData!(ctx({ state: again.state! })));
    expect(err.code).toBe("SESSION_EXPIRED");
    expect(stats().logins).toBe(3);
  });

  it("logs in afresh when the saved state is old or unusable", async () => {
    const first = await adapter.fetchLatestData!(ctx());
    const stale = { ...(first.state as object), loggedInAt: T - 7 * 3_600_000 };
    await adapter.fetchLatestData!(ctx({ state: stale }));
    await adapter.fetchLatestData!(ctx({ state: { cookies: "garbage" } }));
    expect(stats().logins).toBe(3);
  });

  it.each<[string, string, number, VendorErrorCode, Record<string, unknown>]>([
    ["bad_credentials", "bad credentials", 30, "AUTH_FAILED", {}],
    ["rate_limit", "HTTP 429", 30, "RATE_LIMITED", { retryAfterMs: 30_000, status: 429 }],
    ["server_error", "HTTP 500 outside the window", 30, "HTTP_ERROR", { status: 500 }],
    ["server_error", "HTTP 500 in minute 50", 50, "MAINTENANCE", { status: 500, retryAfterMs: 3 * MIN }],
    ["maintenance", "HTTP 503 in minute 48", 48, "MAINTENANCE", { status: 503, retryAfterMs: 5 * MIN }],
    ["maintenance", "HTTP 503 in minute 52", 52, "MAINTENANCE", { status: 503 }],
    ["maintenance", "HTTP 503 in minute 53", 53, "HTTP_ERROR", { status: 503 }],
    ["malformed_json", "malformed JSON", 30, "BAD_RESPONSE", {}],
    ["empty_data", "empty items", 30, "NO_DATA", {}],
  ])("maps %s (%s, minute %i) to %s", async (mode, _label, minute, code, options) => {
    const now = Date.parse(`2025-12-15T02:${String(minute).padStart(2, "0")}:00Z`);
    emu.control.setClock(now);
    emu.control.setMode({ vendor: "selectronic", mode: mode as never });
    const err = await failure(adapter.fetchLatestData!(ctx({ now: new Date(now) })));
    expect(err.code).toBe(code);
    expect(err.options).toMatchObject(options);
    expect(err.message).not.toContain("demo-password");
    if (code === "MAINTENANCE") expect(err.message).toBe("select.live daily maintenance window; will retry");
    if (code === "NO_DATA") expect(err.message).toContain("no readings for system 1001");
  });

  it("keeps a fresh login when the data call then fails, so the next poll does not log in again", async () => {
    emu.control.setMode({ vendor: "selectronic", mode: "empty_data" });
    const err = await adapter.fetchLatestData!(ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect((err as VendorError).code).toBe("NO_DATA");
    const state = vendorStateOf(err);
    expect(state).toEqual({ cookies: expect.any(Object), loggedInAt: expect.any(Number) });
    emu.control.setMode({ vendor: "selectronic", mode: "ok" });
    await adapter.fetchLatestData!(ctx({ state: state! }));
    expect(stats().logins).toBe(1);
  });

  it("reports a wrong password as AUTH_FAILED", async () => {
    const err = await failure(adapter.fetchLatestData!(ctx({ credentials: { ...DEMO, password: "wrong" } })));
    expect(err.code).toBe("AUTH_FAILED");
    expect(err.message).toContain("Bad email address or password");
  });

  it("gives up with TIMEOUT when select.live does not answer", async () => {
    const quick = createSelectronicAdapter({ baseUrl: emu.urls.selectronic, timeoutMs: 200 });
    emu.control.setMode({ vendor: "selectronic", mode: "timeout" });
    const t0 = Date.now();
    expect((await failure(quick.fetchLatestData!(ctx()))).code).toBe("TIMEOUT");
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it("reads a system that sends numeric strings and a timestamp in ms (1003, as recorded from real portals)", async () => {
    const other = ctx({ site: "1003", credentials: { email: "other@example.com", password: "other-password" } });
    const r = await adapter.fetchLatestData!(other);
    const truth = emu.control.truth("selectronic", "1003", T) as SimState;
    const byPath = Object.fromEntries(r.readings.map((x) => [pathOf(x), x]));
    expect(byPath["load/power"].value).toBeCloseTo(truth.loadW, 0);
    expect(byPath["bidi.battery/soc"].value).toBeCloseTo(truth.socPct, 0);
    expect(byPath["source.solar/energy"].value).toBeGreaterThan(0);
    // The ms timestamp is recognised: the reading is at the emulator's minute, not in the year 57468.
    expect(Math.abs(byPath["load/power"].measurementTimeMs - T)).toBeLessThan(MIN);
    expect((r.vendorResponse as { items: { timestamp: string } }).items.timestamp).toMatch(/^\d{13}$/);
  });

  it("reports a system the account cannot see as a configuration error", async () => {
    const err = await failure(adapter.fetchLatestData!(ctx({ site: "1003" })));
    expect(err.code).toBe("CONFIG");
    expect(err.message).toContain("1003");
    expect((await failure(adapter.fetchLatestData!(ctx({ site: "abc" })))).code).toBe("CONFIG");
  });

  it("discovers the account's systems and reads the chosen system's nameplate and latest values", async () => {
    const { system: _s, ...noSystem } = ctx();
    const first = await adapter.testConnection!(noSystem);
    expect(first.sites.map((s) => [s.vendorSiteId, s.name])).toEqual([
      ["1001", "Melbourne Home"],
      ["1002", "Adelaide Home"],
    ]);
    expect(first.sites[0].info).toEqual({
      model: "SPMC482-AU",
      serial: "21501001",
      ratings: "7.5 kW, 48 V",
      solarSize: "13.0 kW",
      batterySize: "40.0 kWh",
    });
    expect(first.latest.length).toBe(14);
    expect(first.state).toBeDefined();

    const chosen = await adapter.testConnection!(ctx({ site: "1002", state: first.state! }));
    expect(chosen.sites.find((s) => s.vendorSiteId === "1002")?.info?.batterySize).toBe("13.5 kWh");
    expect(chosen.state).toBeUndefined(); // the saved session was reused
    expect(stats().logins).toBe(1);

    const bad = await failure(adapter.testConnection!({ ...noSystem, credentials: { ...DEMO, password: "x" } }));
    expect(bad.code).toBe("AUTH_FAILED");
  });

  it("is due once a minute", () => {
    const now = new Date(T);
    const system = ctx().system;
    expect(adapter.isDue(system, null, now)).toBe(true);
    expect(adapter.isDue(system, T - 30_000, now)).toBe(false);
    expect(adapter.isDue(system, T - 55_000, now)).toBe(true);
  });

  it("validates credentials with clear messages", () => {
    const r = adapter.credentialsSchema.safeParse({ email: "not-an-email", password: "" });
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    expect(messages).toEqual(["Enter the email address you use for select.live", "Enter your select.live password"]);
  });
});
