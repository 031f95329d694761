import { DateTime } from "luxon";
import { createEnphaseEmulator } from "@/scripts/emulators/enphase/emulator";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import type { AdapterContext, VendorErrorCode } from "../../types";
import { createEnphaseAdapter } from "../adapter";
import { daylightWindow } from "../daylight";
import { ENPHASE_POINTS } from "../mapper";
import { enphaseIsDue } from "../schedule";
import type { EnphaseTokenStore } from "../token-store";
import type { EnphaseTokens } from "../tokens";
import { appOf, close, failure, grant, truthOf } from "./helpers";

const ZONE = "Australia/Sydney";
const SYS = "2875301";
// 2025-12-15 13:00 AEDT.
const T = Date.parse("2025-12-15T02:00:00Z");
const MIN = 60_000;

let t: TestDb;
let emu: RunningEmulators;
let adapter: ReturnType<typeof createEnphaseAdapter>;
let tokens: EnphaseTokens;
const saved: Array<{ systemId: number; tokens: EnphaseTokens }> = [];
const memoryStore: EnphaseTokenStore = {
  save: async (systemId, tk) => void saved.push({ systemId, tokens: tk }),
  newest: async () => saved.at(-1)?.tokens ?? null,
};

type Ctx = AdapterContext<EnphaseTokens>;
function ctx(over: Partial<Ctx> = {}): Ctx {
  return {
    system: {
      id: 1,
      vendorType: "enphase",
      vendorSiteId: SYS,
      displayTimezone: ZONE,
      location: { lat: -33.87, lng: 151.21 },
      metadata: null,
    },
    credentials: tokens,
    state: null,
    now: new Date(emu.control.now()),
    ...over,
  };
}
const at = (ms: number) => {
  emu.control.setClock(ms);
  return new Date(ms);
};

beforeAll(async () => {
  t = await createTestDb();
  emu = await startEmulators({ port: 0, emulators: [createEnphaseEmulator({ quota: null })] });
  adapter = createEnphaseAdapter({ ...appOf(emu), timeoutMs: 3_000, ledger: null, tokenStore: memoryStore });
});
afterAll(async () => {
  await emu.close();
  t.cleanup();
});
beforeEach(async () => {
  emu.control.reset();
  saved.length = 0;
  emu.control.setClock(T);
  tokens = await grant(emu);
});

describe("Enphase adapter against the Enlighten emulator", () => {
  it("keeps devices_reporting of total_devices: 22 of 22 in Sydney, 14 of 15 in Brisbane (one micro dead)", async () => {
    for (const [siteId, zone, reporting, total] of [
      [SYS, ZONE, 22, 22],
      ["2875302", "Australia/Brisbane", 14, 15],
    ] as const) {
      const r = await adapter.fetchLatestData!(
        ctx({ system: { ...ctx().system, vendorSiteId: siteId, displayTimezone: zone } }),
      );
      const at = (originId: string) =>
        r.intervals!.find((i) => i.point.originId === originId && i.intervalEndMs === T)?.avg;
      expect([at("devices_reporting"), at("total_devices")]).toEqual([reporting, total]);
    }
  });

  it("reports today's 5-minute power and energy within 0.5% of the simulator, each at its interval END", async () => {
    const r = await adapter.fetchLatestData!(ctx());
    const midnight = DateTime.fromMillis(T, { zone: ZONE }).startOf("day").toMillis();
    const today = r.intervals!.filter((i) => i.intervalEndMs > midnight);
    const power = today.filter((i) => i.point.metricType === "power");
    const energy = today.filter((i) => i.point.metricType === "energy");
    expect(power).toHaveLength((T - midnight) / (5 * MIN));
    expect(energy).toHaveLength(power.length);
    expect(power[0].intervalEndMs).toBe(midnight + 5 * MIN);
    expect(power.at(-1)!.intervalEndMs).toBe(T);
    for (const e of energy) {
      const truth = truthOf(emu, SYS, e.intervalEndMs);
      if (!close(e.delta!, truth.energyWh.solarWh))
        throw new Error(`enwh at ${e.intervalEndMs}: ${e.delta} vs ${truth.energyWh.solarWh}`);
      expect(e.point).toMatchObject({
        originId: "enwh",
        type: "source",
        subtype: "solar",
        unit: "Wh",
        transform: null,
      });
    }
    for (const p of power) {
      const truth = truthOf(emu, SYS, p.intervalEndMs);
      if (!close(p.avg!, truth.avgW.solar))
        throw new Error(`powr at ${p.intervalEndMs}: ${p.avg} vs ${truth.avgW.solar}`);
    }
    const sum = energy.reduce((s, e) => s + e.delta!, 0);
    const trueSum = energy.reduce((s, e) => s + truthOf(emu, SYS, e.intervalEndMs).energyWh.solarWh, 0);
    expect(Math.abs(sum - trueSum) / trueSum).toBeLessThan(0.005);
    expect(r.readings).toEqual([{ point: ENPHASE_POINTS.power, measurementTimeMs: T, value: power.at(-1)!.avg }]);
    expect(r.sessionLabel).toContain(`today: ${power.length} intervals`);
  });

  it.each([
    ["an ordinary day", "2025-12-14", 288],
    ["daylight saving starting (23 h)", "2025-10-05", 276],
    ["daylight saving ending (25 h)", "2025-04-06", 300],
  ])(
    "back-fills %s as its local intervals, midnight's interval included and owned by the day before",
    async (_l, day, n) => {
      const start = DateTime.fromISO(day, { zone: ZONE }).startOf("day");
      const next = start.plus({ days: 1 });
      const now = at(next.set({ hour: 2 }).toMillis()); // the small-hours pass of the next day
      const r = await adapter.fetchLatestData!(ctx({ now }));
      const ends = r.intervals!.filter((i) => i.point.metricType === "energy").map((i) => i.intervalEndMs);
      const ofDay = ends.filter((e) => e > start.toMillis() && e <= next.toMillis());
      expect(ofDay).toHaveLength(n);
      expect(Math.max(...ofDay)).toBe(next.toMillis());
      expect(r.readings).toEqual([]); // the night pass does not ask for today
      expect(r.sessionLabel).toContain(`${day}: ${n}`);
    },
  );

  it("refreshes a token that expires within 10 minutes, stores the new pair at once and returns it as state", async () => {
    const expiring = { ...tokens, expiresAtMs: T + 5 * MIN };
    const r = await adapter.fetchLatestData!(ctx({ credentials: expiring }));
    const next = r.state as EnphaseTokens;
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    expect(next.expiresAtMs).toBe(T + 86_400_000);
    expect(next.grant).toBe(tokens.grant);
    expect(saved).toEqual([{ systemId: 1, tokens: expect.objectContaining({ refreshToken: next.refreshToken }) }]);
    // The next poll reads that state (newer than the credentials) and needs no refresh.
    const again = await adapter.fetchLatestData!(
      ctx({ credentials: expiring, state: JSON.parse(JSON.stringify(r.state)) }),
    );
    expect((again.state as EnphaseTokens).refreshToken).toBe(next.refreshToken);
    expect(saved).toHaveLength(1);
    expect(emu.control.stats().enphase.logins).toBe(2); // the code exchange and one refresh
  });

  it("adopts a sibling's newer pair when its own refresh token was already rotated", async () => {
    const sibling = await adapter.fetchLatestData!(ctx({ credentials: { ...tokens, expiresAtMs: T } }));
    const rotated = sibling.state as EnphaseTokens;
    saved.length = 0;
    await memoryStore.save(2, rotated);
    const r = await adapter.fetchLatestData!(ctx({ credentials: { ...tokens, expiresAtMs: T } }));
    expect((r.state as EnphaseTokens).refreshToken).toBe(rotated.refreshToken);
  });

  it("refreshes once and retries when the access token is refused, then fails clearly if that does not help", async () => {
    emu.control.setMode({ vendor: "enphase", mode: "expired_session" });
    const r = await adapter.fetchLatestData!(ctx());
    expect((r.state as EnphaseTokens).refreshToken).not.toBe(tokens.refreshToken);
    emu.control.setMode({ vendor: "enphase", mode: "expired_session", count: 10 });
    const err = await failure(adapter.fetchLatestData!(ctx({ state: r.state! })));
    expect(err.code).toBe("SESSION_EXPIRED");
  });

  it.each<[string, VendorErrorCode, Record<string, unknown>, RegExp]>([
    ["bad_credentials", "AUTH_FAILED", {}, /connect Enphase again/],
    ["rate_limit", "RATE_LIMITED", { status: 429, retryAfterMs: 30_000 }, /rate limit/],
    ["server_error", "HTTP_ERROR", { status: 500 }, /server error: HTTP 500/],
    ["maintenance", "HTTP_ERROR", { status: 503, retryAfterMs: 300_000 }, /HTTP 503/],
    ["malformed_json", "BAD_RESPONSE", {}, /not valid JSON/],
    ["empty_data", "NO_DATA", {}, /no intervals for system 2875301/],
  ])("maps %s to %s", async (mode, code, options, message) => {
    emu.control.setMode({ vendor: "enphase", mode: mode as never });
    // bad_credentials acts on the token endpoint: make a refresh necessary.
    const credentials = mode === "bad_credentials" ? { ...tokens, expiresAtMs: T } : tokens;
    const err = await failure(adapter.fetchLatestData!(ctx({ credentials })));
    expect(err.code).toBe(code);
    expect(err.options).toMatchObject(options);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain(tokens.accessToken);
    expect(err.message).not.toContain(tokens.refreshToken);
  });

  it("does not call an empty day a dead gateway in the first half hour after local midnight", async () => {
    emu.control.setMode({ vendor: "enphase", mode: "empty_data", count: 10 });
    const justAfter = at(Date.parse("2025-12-15T13:02:00Z")); // 00:02 on 16 December in Sydney
    await expect(adapter.fetchLatestData!(ctx({ now: justAfter }))).resolves.toBeDefined();
    const later = at(Date.parse("2025-12-15T13:40:00Z")); // 00:40: an interval was due by now
    expect((await failure(adapter.fetchLatestData!(ctx({ now: later })))).code).toBe("NO_DATA");
    emu.control.setMode({ vendor: "enphase", mode: "ok" });
    at(T);
  });

  it("gives up with TIMEOUT when Enphase does not answer", async () => {
    const quick = createEnphaseAdapter({ ...appOf(emu), timeoutMs: 200, ledger: null, tokenStore: memoryStore });
    emu.control.setMode({ vendor: "enphase", mode: "timeout" });
    expect((await failure(quick.fetchLatestData!(ctx()))).code).toBe("TIMEOUT");
  });

  it("reports app misconfiguration and unknown systems as CONFIG", async () => {
    const wrongKey = createEnphaseAdapter({ ...appOf(emu), apiKey: "nope", ledger: null, tokenStore: memoryStore });
    expect(await failure(wrongKey.fetchLatestData!(ctx()))).toMatchObject({
      code: "CONFIG",
      message: expect.stringMatching(/ENPHASE_API_KEY/),
    });
    const wrongSecret = createEnphaseAdapter({
      ...appOf(emu),
      clientSecret: "x",
      ledger: null,
      tokenStore: memoryStore,
    });
    const e2 = await failure(wrongSecret.fetchLatestData!(ctx({ credentials: { ...tokens, expiresAtMs: T } })));
    expect(e2).toMatchObject({ code: "CONFIG", message: expect.stringMatching(/ENPHASE_CLIENT_SECRET/) });
    const unknown = await failure(adapter.fetchLatestData!(ctx({ system: { ...ctx().system, vendorSiteId: "999" } })));
    expect(unknown.code).toBe("CONFIG");
  });

  it("asks for no future day (the emulator refuses those with 422)", async () => {
    const res = await fetch(
      `${emu.urls.enphase}/api/v4/systems/${SYS}/telemetry/production_micro?start_at=${T / 1000 + 86_400}&granularity=day`,
      {
        headers: { key: appOf(emu).apiKey, authorization: `Bearer ${tokens.accessToken}` },
      },
    );
    expect(res.status).toBe(422);
  });

  it("lists the account's systems with time zone and coordinates for setup", async () => {
    const { system: _s, ...noSystem } = ctx();
    const r = await adapter.testConnection!(noSystem);
    expect(r.sites).toEqual([
      {
        vendorSiteId: "2875301",
        name: "Sydney Rooftop",
        info: {
          timezone: ZONE,
          solarSize: "6.6 kW",
          location: { lat: -33.87, lng: 151.21, address: "Sydney, NSW, AU" },
        },
      },
      expect.objectContaining({ vendorSiteId: "2875302", name: "Brisbane Shed" }),
    ]);
    expect(JSON.stringify(r)).not.toContain(tokens.accessToken);
  });

  it("is due hourly in daylight at the system's location, never at night, plus one small-hours pass", () => {
    const system = ctx().system;
    const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
    const w = daylightWindow(local("2025-12-15T12:00"), ZONE, system.location);
    expect(new Date(w.startMs).toISOString()).toMatch(/^2025-12-14T18:[34]\d/); // ≈05:40 AEDT
    expect(enphaseIsDue(system, null, local("2025-12-15T12:00"))).toBe(true);
    expect(enphaseIsDue(system, local("2025-12-15T11:30").getTime(), local("2025-12-15T12:00"))).toBe(false);
    expect(enphaseIsDue(system, local("2025-12-15T11:00").getTime(), local("2025-12-15T12:00"))).toBe(true);
    expect(enphaseIsDue(system, local("2025-12-14T20:00").getTime(), local("2025-12-14T23:00"))).toBe(false);
    expect(enphaseIsDue(system, local("2025-12-14T20:00").getTime(), local("2025-12-15T01:10"))).toBe(true);
    expect(enphaseIsDue(system, local("2025-12-15T01:10").getTime(), local("2025-12-15T02:30"))).toBe(false);
    expect(enphaseIsDue(system, local("2025-12-15T01:10").getTime(), local("2025-12-15T04:30"))).toBe(false);
    // Winter: 07:00 is before sunrise in Sydney; summer it is daylight.
    expect(enphaseIsDue(system, null, local("2025-06-15T06:30"))).toBe(false);
    expect(enphaseIsDue(system, null, local("2025-12-15T06:30"))).toBe(true);
  });
});
