import { DateTime } from "luxon";
import { createMondoEmulators, type MondoApiEmulator } from "@/scripts/emulators/mondo/emulator";
import { evEnergyWh, MONDO_DEMO_GROUPS, MONDO_EV_SITE } from "@/scripts/emulators/mondo/accounts";
import { evChargingW, simulator } from "@/scripts/emulators/sim";
import { s256 } from "@/scripts/emulators/mondo/identity";
import type { SimState } from "@/scripts/emulators/sim";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { createMondoAdapter, type MondoCredentials } from "../adapter";
import { type AdapterContext, type Reading, type VendorErrorCode } from "../../types";
import { vendorFailure } from "@/test/helpers/vendor-errors";
import { pathOfPoint } from "@/lib/points";

const T = Date.parse("2025-12-15T02:30:00Z");
const MIN = 60_000;
const GROUP = MONDO_DEMO_GROUPS["1001"];
const DEMO: MondoCredentials = { email: "demo@example.com", password: "demo-password" };

let emu: RunningEmulators;
let api: MondoApiEmulator;
let adapter: ReturnType<typeof createMondoAdapter>;

type Ctx = AdapterContext<MondoCredentials>;
function ctx(over: Partial<Ctx> & { group?: string } = {}): Ctx {
  const { group = GROUP, ...rest } = over;
  return {
    system: {
      id: 1,
      vendorType: "mondo",
      vendorSiteId: group,
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
const logins = () => emu.control.stats()["mondo-identity"]?.logins ?? 0;

beforeAll(async () => {
  // Step the simulated site from the demo epoch once, before any request has a time limit.
  simulator.stateAt(MONDO_EV_SITE, T + 14 * 60 * MIN);
  const pair = createMondoEmulators();
  api = pair[1];
  emu = await startEmulators({ port: 0, emulators: pair });
  adapter = createMondoAdapter({ identityUrl: emu.urls["mondo-identity"], apiUrl: emu.urls.mondo, timeoutMs: 3_000 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.setClock(T);
});

describe("Mondo adapter against the identity and API emulators", () => {
  it.each([0, 6 * 60, 13 * 60])("reports every circuit within 0.5%% of the simulator (+%i min)", async (offset) => {
    const at = T + offset * MIN;
    emu.control.setClock(at);
    const result = await adapter.fetchLatestData!(ctx({ now: new Date(at) }));
    const s = emu.control.truth("mondo", GROUP, at) as SimState;
    const got = Object.fromEntries(result.readings.filter((r) => r.point.type).map((r) => [pathOf(r), r]));
    // The EV circuit carries the car; the other load circuits split the rest of the household load.
    const evW = evChargingW(MONDO_EV_SITE, s.timeMs);
    const evWh = evEnergyWh(MONDO_EV_SITE, s.timeMs);
    const restW = s.loadW - evW;
    const restWh = s.counters.loadWh - evWh;
    const expected: Record<string, [number, string, "d" | null]> = {
      "source.solar.rooftop_solar/power": [s.solarW, "W", null],
      "source.solar.rooftop_solar/energy": [s.counters.solarWh, "Wh", "d"],
      "bidi.battery/power": [s.batteryW, "W", null],
      "bidi.battery.discharge/energy": [s.counters.batteryOutWh, "Wh", "d"],
      "bidi.battery/soc": [s.socPct, "%", null],
      "bidi.grid/power": [s.gridW, "W", null],
      "bidi.grid.import/energy": [s.counters.gridInWh, "Wh", "d"],
      "load.air_conditioner/power": [restW * 0.3, "W", null],
      "load.air_conditioner/energy": [restWh * 0.3, "Wh", "d"],
      "load.hot_water/power": [restW * 0.2, "W", null],
      "load.hot_water/energy": [restWh * 0.2, "Wh", "d"],
      "load.power_points/power": [restW * 0.5, "W", null],
      "load.power_points/energy": [restWh * 0.5, "Wh", "d"],
      "load.ev/power": [evW, "W", null],
      "load.ev/energy": [evWh, "Wh", "d"],
    };
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, [value, unit, transform]] of Object.entries(expected)) {
      const r = got[path];
      expect({ path, unit: r.point.unit, transform: r.point.transform ?? null }).toEqual({ path, unit, transform });
      expect(r.measurementTimeMs).toBe(at); // no vendor timestamp: the receive time
      if (Math.abs((r.value as number) - value) > Math.max(Math.abs(value) * 0.005, 0.1)) {
        throw new Error(`${path}: got ${r.value}, truth ${value}`);
      }
    }
    // Sign: sources and flows into the home (battery + discharging, grid + import) add up to the circuits' load.
    const v = (p: string) => got[p].value as number;
    const load =
      v("load.air_conditioner/power") + v("load.hot_water/power") + v("load.power_points/power") + v("load.ev/power");
    expect(v("source.solar.rooftop_solar/power") + v("bidi.battery/power") + v("bidi.grid/power")).toBeCloseTo(
      load,
      -1,
    );
  });

  it("sends each circuit's energy today and yesterday, which reconcile with its lifetime counter", async () => {
    const result = await adapter.fetchLatestData!(ctx());
    const zone = "Australia/Melbourne";
    const midnight = DateTime.fromMillis(T, { zone }).startOf("day");
    const at = (ms: number) => emu.control.truth("mondo", GROUP, ms) as SimState;
    const [now, m0, m1] = [at(T), at(midnight.toMillis()), at(midnight.minus({ days: 1 }).toMillis())];
    const today = result.readings.find(
      (r) => r.point.originSubId === "energy_today" && r.point.name.startsWith("Grid"),
    )!;
    expect(today.point).toMatchObject({ type: null, transform: "d", unit: "Wh" }); // never a flow: no path
    expect(today.value as number).toBeCloseTo(now.counters.gridInWh - m0.counters.gridInWh, -1);
    const yesterday = result.intervals!.filter((i) => i.point.originSubId === "energy_yesterday");
    expect(yesterday).toHaveLength(7); // six circuits and the EV charger
    const grid = yesterday.find((i) => i.point.name.startsWith("Grid"))!;
    expect(grid.intervalEndMs).toBe(midnight.toMillis()); // the interval ending at midnight belongs to yesterday
    expect(grid.delta as number).toBeCloseTo(m0.counters.gridInWh - m1.counters.gridInWh, -1);
  });

  it("signs in with a fresh PKCE pair each time, and the verifier matches the challenge", async () => {
    await adapter.fetchLatestData!(ctx());
    await adapter.fetchLatestData!(ctx());
    expect(logins()).toBe(2);
    const log = api.store.pkceLog;
    expect(log).toHaveLength(2);
    for (const { challenge, verifier } of log) {
      expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      expect(s256(verifier)).toBe(challenge);
    }
    expect(log[0].challenge).not.toBe(log[1].challenge);
    expect(log[0].verifier).not.toBe(log[1].verifier);
  });

  it("caches the token in the state until it expires, then signs in again", async () => {
    const first = await adapter.fetchLatestData!(ctx());
    expect(first.state).toMatchObject({ expiresAtMs: T + 3_600_000 });
    let state = JSON.parse(JSON.stringify(first.state)) as Record<string, unknown>;
    for (let i = 1; i <= 25; i++) {
      const now = T + i * 2 * MIN;
      emu.control.setClock(now);
      const r = await adapter.fetchLatestData!(ctx({ state, now: new Date(now) }));
      expect(r.state).toBeUndefined();
    }
    expect(logins()).toBe(1);
    const later = T + 59.5 * MIN; // within a minute of expiry: renewed before it lapses
    emu.control.setClock(later);
    const renewed = await adapter.fetchLatestData!(ctx({ state, now: new Date(later) }));
    expect(renewed.state).toMatchObject({ expiresAtMs: later + 3_600_000 });
    expect(logins()).toBe(2);
    state = renewed.state!;
    expect(JSON.stringify(renewed.vendorResponse)).not.toContain(String(state.accessToken));
  });

  it("signs in again once when the API refuses the cached token, and fails clearly if that does not help", async () => {
    const first = await adapter.fetchLatestData!(ctx());
    api.expireTokens();
    const again = await adapter.fetchLatestData!(ctx({ state: first.state! }));
    expect(again.readings.length).toBe(22); // 7 circuits × (power, counter, today) + SoC
    expect(logins()).toBe(2);
    emu.control.setMode({ vendor: "mondo", mode: "expired_session", count: 2 });
    const err = await failure(adapter.fetchLatestData!(ctx({ state: again.state! })));
    expect(err.code).toBe("SESSION_EXPIRED");
    expect(logins()).toBe(3);
  });

  it.each<[string, string, VendorErrorCode, Record<string, unknown>]>([
    ["mondo-identity", "bad_credentials", "AUTH_FAILED", {}],
    ["mondo-identity", "rate_limit", "RATE_LIMITED", { status: 429, retryAfterMs: 30_000 }],
    ["mondo-identity", "server_error", "HTTP_ERROR", { status: 500 }],
    ["mondo", "rate_limit", "RATE_LIMITED", { status: 429, retryAfterMs: 30_000 }],
    ["mondo", "server_error", "HTTP_ERROR", { status: 500 }],
    ["mondo", "maintenance", "HTTP_ERROR", { status: 503 }],
    ["mondo", "malformed_json", "BAD_RESPONSE", {}],
    ["mondo", "empty_data", "NO_DATA", {}],
  ])("maps %s %s to %s", async (vendor, mode, code, options) => {
    emu.control.setMode({ vendor, mode: mode as never });
    const err = await failure(adapter.fetchLatestData!(ctx()));
    expect(err.code).toBe(code);
    expect(err.options).toMatchObject(options);
    expect(err.message).not.toContain(DEMO.password);
  });

  it("reports a wrong password, an unknown group and a timeout clearly", async () => {
    const bad = await failure(adapter.fetchLatestData!(ctx({ credentials: { ...DEMO, password: "wrong" } })));
    expect(bad.code).toBe("AUTH_FAILED");
    expect(bad.message).toContain("Invalid username or password");
    const group = await failure(adapter.fetchLatestData!(ctx({ group: "7d1c2a9e-0000-4000-8000-000000001003" })));
    expect(group.code).toBe("CONFIG");
    const quick = createMondoAdapter({
      identityUrl: emu.urls["mondo-identity"],
      apiUrl: emu.urls.mondo,
      timeoutMs: 200,
    });
    emu.control.setMode({ vendor: "mondo", mode: "timeout" });
    expect((await failure(quick.fetchLatestData!(ctx()))).code).toBe("TIMEOUT");
  });

  it("discovers organisation and groups, and reads the chosen group", async () => {
    const { system: _s, ...noSystem } = ctx();
    const r = await adapter.testConnection!(noSystem);
    expect(r.sites.map((s) => [s.vendorSiteId, s.name])).toEqual([
      [MONDO_DEMO_GROUPS["1001"], "Melbourne Home (Demo Household)"],
      [MONDO_DEMO_GROUPS["1002"], "Adelaide Home (Demo Household)"],
    ]);
    expect(r.latest).toHaveLength(22);
    expect(r.state).toBeDefined();
    const chosen = await adapter.testConnection!(ctx({ group: MONDO_DEMO_GROUPS["1002"], state: r.state! }));
    expect(chosen.state).toBeUndefined(); // the cached token was reused
    expect(logins()).toBe(1);
  });

  it("is due every 2 minutes and validates credentials", () => {
    const system = ctx().system;
    expect(adapter.isDue(system, null, new Date(T))).toBe(true);
    expect(adapter.isDue(system, T - MIN, new Date(T))).toBe(false);
    expect(adapter.isDue(system, T - 2 * MIN, new Date(T))).toBe(true);
    const r = adapter.credentialsSchema.safeParse({ email: "x", password: "" });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual([
      "Enter the email address you use for Mondo",
      "Enter your Mondo password",
    ]);
  });
});
