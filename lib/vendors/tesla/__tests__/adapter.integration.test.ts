import { DateTime } from "luxon";
import { evChargeDay, simulator } from "@/scripts/emulators/sim";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { TESLA_DEMO_SITE } from "@/scripts/emulators/tesla/accounts";
import { createTeslaEmulator, type TeslaEmulator } from "@/scripts/emulators/tesla/emulator";
import type { VehicleTruth } from "@/scripts/emulators/tesla/vehicle";
import type { SimState } from "@/scripts/emulators/sim";
import { pathOfPoint } from "@/lib/points";
import { VendorError, vendorStateOf, type AdapterContext, type FetchResult } from "../../types";
import { createTeslaAdapter, type TeslaState } from "../adapter";
import { refreshTokens } from "../oauth";
import type { SpendMeter } from "../spend";
import type { TeslaTokenStore } from "../token-store";
import type { TeslaTokens } from "../tokens";
import { CHARGING_POLL_MS, SLEEP_CHECK_MS } from "../vehicles";
import { appOf, grant } from "./helpers";

const ZONE = TESLA_DEMO_SITE.timezone;
const SITE = "1689000000000001";
const CAR = "3744000000000001";
const MIN = 60_000;

/** The first local day from 2025-12-15 on which the simulated car charges at home (and one on which it does not). */
function localDay(charging: boolean): DateTime {
  let d = DateTime.fromISO("2025-12-15", { zone: ZONE });
  while (evChargeDay(TESLA_DEMO_SITE, Math.floor((d.toMillis() + d.offset * MIN) / 86_400_000)) !== charging)
    d = d.plus({ days: 1 });
  return d;
}
const CHARGE_DAY = localDay(true);
const at = (hhmm: string, day = CHARGE_DAY) => {
  const [h, m] = hhmm.split(":").map(Number);
  return day.set({ hour: h, minute: m }).toMillis();
};

let emu: RunningEmulators;
let tesla: TeslaEmulator;
let tokens: TeslaTokens;
const saved: Array<{ systemId: number; tokens: TeslaTokens }> = [];
const memoryStore: TeslaTokenStore = {
  save: async (systemId, tk) => void saved.push({ systemId, tokens: tk }),
  newest: async () => saved.at(-1)?.tokens ?? null,
};
let share = 0;
let reserved = 0;
const fakeSpend: SpendMeter = {
  reserve: async () => void reserved++,
  usedShare: async () => share,
};
const adapter = () =>
  createTeslaAdapter({ ...appOf(emu), timeoutMs: 15_000, spend: fakeSpend, tokenStore: memoryStore });

type Ctx = AdapterContext<TeslaTokens>;
function ctx(nowMs: number, state: Record<string, unknown> | null = null, over: Partial<Ctx> = {}): Ctx {
  emu.control.setClock(nowMs);
  return {
    system: {
      id: 1,
      vendorType: "tesla",
      vendorSiteId: SITE,
      displayTimezone: ZONE,
      location: { lat: TESLA_DEMO_SITE.lat, lng: TESLA_DEMO_SITE.lng },
      metadata: null,
    },
    credentials: tokens,
    state,
    now: new Date(nowMs),
    ...over,
  };
}
const value = (r: FetchResult, path: string) => {
  const hit = r.readings.find((x) => pathOfPoint(x.point) === path);
  return hit?.valueStr ?? hit?.value;
};

beforeAll(async () => {
  tesla = createTeslaEmulator();
  emu = await startEmulators({ port: 0, emulators: [tesla] });
  // The site steps from the demo epoch: simulate up to the test days once, before any request has a time limit.
  simulator.stateAt(TESLA_DEMO_SITE, at("23:59"));
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  emu.control.reset();
  saved.length = 0;
  share = 0;
  reserved = 0;
  emu.control.setClock(at("09:00"));
  tokens = { ...(await grant(emu)), vehicles: [{ id: CAR, name: "Sparky" }] };
});

describe("Tesla adapter against the Fleet API emulator", () => {
  it("signs in with the energy, vehicle, offline and location scopes and keeps the regional base", async () => {
    expect(tokens.scopes).toEqual(
      expect.arrayContaining(["offline_access", "energy_device_data", "vehicle_device_data", "vehicle_location"]),
    );
    expect(tokens.baseUrl).toBe(emu.urls.tesla);
    expect(tokens.expiresAtMs - emu.control.now()).toBe(28_800_000);
  });

  it("connect lists the energy site with its zone and the account's car", async () => {
    const u = new URL(adapter().oauth!.authorizeUrl("http://localhost:3000/api/auth/tesla/callback", "st"));
    expect(u.searchParams.get("scope")).toContain("vehicle_device_data");
    const res = await fetch(u, { redirect: "manual" });
    const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
    const { credentials, sites } = await adapter().oauth!.connect(
      code,
      "http://localhost:3000/api/auth/tesla/callback",
      new Date(emu.control.now()),
    );
    expect(sites.slice(0, 1)).toEqual([
      expect.objectContaining({ vendorSiteId: SITE, info: expect.objectContaining({ timezone: ZONE }) }),
    ]);
    expect(credentials.vehicles).toEqual([{ id: CAR, name: "Sparky" }]);
  });

  it("reads live status with canonical signs, equal to the simulator's minute", async () => {
    const t = at("11:00");
    const r = await adapter().fetchLatestData(ctx(t));
    const truth = (emu.control.truth("tesla", SITE, t) as { state: SimState }).state;
    expect(value(r, "source.solar/power")).toBe(Math.round(truth.solarW));
    expect(value(r, "bidi.battery/power")).toBe(Math.round(truth.batteryW));
    expect(value(r, "bidi.grid/power")).toBe(Math.round(truth.gridW));
    expect(value(r, "load/power")).toBe(Math.round(truth.loadW));
    expect(value(r, "bidi.battery/soc")).toBeCloseTo(truth.socPct, 1);
    expect(value(r, "bidi.grid.status/text")).toBe("Active");
    // The car charges at 7 kW inside the home's load.
    expect(value(r, "load.ev/power")).toBe(7000);
    expect(value(r, "load.ev.vehicle/text")).toBe("Charging");
    expect(r.readings.every((x) => x.measurementTimeMs === t)).toBe(true);
  });

  it("makes no battery points from the solar-only site of the account", async () => {
    const r = await adapter().fetchLatestData(
      ctx(at("11:00"), null, { system: { ...ctx(at("11:00")).system, vendorSiteId: "1689000000000002" } }),
    );
    expect(value(r, "source.solar/power")).toBeGreaterThan(0);
    expect(value(r, "bidi.battery/power")).toBeUndefined();
    expect(value(r, "bidi.battery/soc")).toBeUndefined();
    expect(value(r, "bidi.grid.status/text")).toBeUndefined();
  });

  it("follows a charging day every minute: reads the car every 2 minutes while charging, never wakes it", async () => {
    let state: Record<string, unknown> | null = null;
    const powers: Array<[number, number]> = [];
    let lastAdded = 0;
    const a = adapter();
    for (let t = at("06:00"); t < at("20:00"); t += MIN) {
      const r = await a.fetchLatestData(ctx(t, state));
      state = r.state ?? state;
      const p = value(r, "load.ev/power");
      if (typeof p === "number") powers.push([t, p]);
      const e = value(r, "load.ev.vehicle/energy");
      if (typeof e === "number") lastAdded = e;
    }
    const counts = tesla.counts();
    expect(counts.wake_up ?? 0).toBe(0);
    const charging = powers.filter(([, p]) => p > 0).map(([t]) => t);
    expect(charging.length).toBeGreaterThanOrEqual(115);
    // 2-minute spacing while charging.
    for (let i = 1; i < charging.length; i++) expect(charging[i] - charging[i - 1]).toBe(CHARGING_POLL_MS);
    expect(lastAdded).toBe(28_000);
    // Sparse otherwise: far fewer data reads than minutes of the day.
    expect(counts.vehicle_data).toBeLessThan(charging.length + 40);
    const truth = emu.control.truth("tesla", CAR, at("12:00")) as VehicleTruth;
    expect(truth.chargingState).toBe("Charging");
  });

  it("leaves a sleeping car alone: looks it up in the list, no vehicle_data, checks again after 10 minutes", async () => {
    emu.control.setMode({ vendor: "tesla", mode: "asleep" });
    const t = at("11:00");
    const r = await adapter().fetchLatestData(ctx(t));
    expect(value(r, "source.solar/power")).toEqual(expect.any(Number));
    // Only what is known without a data call: a sleeping car's charger load is 0 W.
    expect(r.readings.filter((x) => x.point.subsystem === "ev").map((x) => [pathOfPoint(x.point), x.value])).toEqual([
      ["load.ev/power", 0],
    ]);
    expect(tesla.counts().vehicle_data ?? 0).toBe(0);
    expect(tesla.counts().wake_up ?? 0).toBe(0);
    const s = (r.state as TeslaState).vehicleSchedule!.vehicles[CAR];
    expect(s).toMatchObject({ state: "asleep", nextMs: t + SLEEP_CHECK_MS });
  });

  it("handles a 408 from a car listed online: no wake, no failure, site data kept", async () => {
    emu.control.setMode({ vendor: "tesla", mode: "vehicle_unavailable", siteId: CAR });
    const t = at("11:00");
    const r = await adapter().fetchLatestData(ctx(t));
    expect(tesla.counts().vehicle_data).toBe(1);
    expect(tesla.counts().wake_up ?? 0).toBe(0);
    expect(value(r, "load/power")).toEqual(expect.any(Number));
    expect((r.state as TeslaState).vehicleSchedule!.vehicles[CAR]).toMatchObject({ state: "asleep" });
    expect(r.sessionLabel).toMatch(/unavailable/);
  });

  it("honours 429 Retry-After for the car without losing the site's data", async () => {
    emu.control.setMode({ vendor: "tesla", mode: "rate_limit", siteId: CAR, count: 1 });
    const t = at("11:00");
    const r1 = await adapter().fetchLatestData(ctx(t));
    const sched = (r1.state as TeslaState).vehicleSchedule!;
    expect(sched.retryAtMs).toBe(t + 30_000);
    expect(value(r1, "load/power")).toEqual(expect.any(Number));
    const before = tesla.counts().vehicle_data ?? 0;
    const r2 = await adapter().fetchLatestData(ctx(t + 20_000, r1.state!));
    expect(tesla.counts().vehicle_data ?? 0).toBe(before);
    expect(r2.sessionLabel).toMatch(/rate limited/);
    const r3 = await adapter().fetchLatestData(ctx(t + 40_000, r2.state!));
    expect(value(r3, "load.ev/power")).toBe(7000);
  });

  it("refreshes on an expired access token, storing the rotated pair before using it", async () => {
    emu.control.setMode({ vendor: "tesla", mode: "expired_session", count: 1 });
    const r = await adapter().fetchLatestData(ctx(at("11:00")));
    expect(saved).toHaveLength(1);
    expect(saved[0].tokens.refreshToken).not.toBe(tokens.refreshToken);
    expect((r.state as TeslaState).refreshToken).toBe(saved[0].tokens.refreshToken);
    expect((r.state as TeslaState).baseUrl).toBe(emu.urls.tesla);
  });

  it("survives a reused rotated refresh token: adopts the pair another poll stored, the account is kept", async () => {
    const t = at("11:00");
    // Another system of the same grant refreshed first and stored the new pair; ours still holds the old one.
    const newer = await refreshTokens(appOf(emu), tokens, new Date(t - MIN));
    saved.push({ systemId: 2, tokens: newer });
    const stale = { ...tokens, expiresAtMs: 0 };
    const r = await adapter().fetchLatestData(ctx(t, null, { credentials: stale }));
    expect(value(r, "source.solar/power")).toEqual(expect.any(Number));
    expect((r.state as TeslaState).refreshToken).toBe(newer.refreshToken);
    // The emulator refuses the rotated token outright (401): without a stored newer pair it is AUTH_FAILED,
    // and the failure carries no state, so the stored credentials stay for the next try or a reconnect.
    saved.length = 0;
    const err = await adapter()
      .fetchLatestData(ctx(t, null, { credentials: stale }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect((err as VendorError).code).toBe("AUTH_FAILED");
    expect(vendorStateOf(err)).toBeUndefined();
  });

  it("slows the car's polls as the month's credit is spent", async () => {
    const t = at("11:00");
    const gaps: number[] = [];
    for (const s of [0, 0.6, 0.8, 0.95]) {
      share = s;
      const r = await adapter().fetchLatestData(ctx(t));
      gaps.push((r.state as TeslaState).vehicleSchedule!.vehicles[CAR].nextMs - t);
    }
    expect(gaps).toEqual([1, 2, 4, 8].map((k) => k * CHARGING_POLL_MS));
    expect(reserved).toBe(4); // one priced vehicle_data per poll, counted before it was sent
  });

  it("stops reading the car (not the site) once the credit is used up", async () => {
    const refusing: SpendMeter = {
      reserve: async () => {
        throw new VendorError("RATE_LIMITED", "Tesla API quota used up", { retryAfterMs: 3_600_000 });
      },
      usedShare: async () => 1,
    };
    const a = createTeslaAdapter({ ...appOf(emu), timeoutMs: 15_000, spend: refusing, tokenStore: memoryStore });
    const t = at("11:00");
    const r = await a.fetchLatestData(ctx(t));
    expect(tesla.counts().vehicle_data ?? 0).toBe(0);
    expect(value(r, "source.solar/power")).toEqual(expect.any(Number));
    expect((r.state as TeslaState).vehicleSchedule!.retryAtMs).toBe(t + 3_600_000);
  });

  it("reads no location without the location scope", async () => {
    tokens = {
      ...(await grant(emu, "openid offline_access energy_device_data vehicle_device_data")),
      vehicles: [{ id: CAR, name: "Sparky" }],
    };
    const r = await adapter().fetchLatestData(ctx(at("11:00")));
    expect(value(r, "load.ev/power")).toBe(7000);
    expect(value(r, "load.ev.vehicle_lat/code")).toBeUndefined();
  });

  it("reads the home's charger load from the site's Wall Connector, without the car's power", async () => {
    tesla.setWallConnectors(SITE, ["1529455-02-D--PGT1"]);
    const r = await adapter().fetchLatestData(ctx(at("11:00")));
    const ev = r.readings.filter((x) => pathOfPoint(x.point) === "load.ev/power");
    expect(ev.map((x) => [x.point.originId, x.value])).toEqual([["wall_connector_power", 7000]]);
    expect(value(r, "load.ev.vehicle/text")).toBe("Charging");
    // Idle after the session; a sleeping car adds no 0 W of its own beside the connector's.
    expect(value(await adapter().fetchLatestData(ctx(at("16:00"))), "load.ev/power")).toBe(0);
    emu.control.setMode({ vendor: "tesla", mode: "asleep" });
    const asleep = await adapter().fetchLatestData(ctx(at("11:30")));
    expect(asleep.readings.filter((x) => x.point.subsystem === "ev").map((x) => x.point.originId)).toEqual([
      "wall_connector_power",
    ]);
  });

  it("reads the odometer in km, turning while the car drives", async () => {
    const a = await adapter().fetchLatestData(ctx(at("07:00")));
    expect(value(a, "load.ev.vehicle_odometer/code")).toBeUndefined(); // asleep at home: not read
    const drive = await adapter().fetchLatestData(ctx(at("08:30")));
    const home = await adapter().fetchLatestData(ctx(at("11:00")));
    const km = (r: FetchResult) => value(r, "load.ev.vehicle_odometer/code") as number;
    const truth = (t: number) => (emu.control.truth("tesla", CAR, t) as VehicleTruth).odometerMiles * 1.609344;
    expect(km(drive)).toBeCloseTo(truth(at("08:30")), 1);
    expect(km(home)).toBeCloseTo(truth(at("11:00")), 1);
    expect(km(home) - km(drive)).toBeGreaterThan(5);
  });
});
