import { createAmberEmulator, AMBER_DEMO_SITES, type AmberEmulator } from "@/scripts/emulators/amber/emulator";
import { perKwh, spotPerKwh, tariffPeriod } from "@/scripts/emulators/amber/pricing";
import { usageRecords } from "@/scripts/emulators/amber/records";
import { DEMO_SITES, simulator } from "@/scripts/emulators/sim";
import { startEmulators, type RunningEmulators } from "@/scripts/emulators/server";
import { formatPointPath, type PointType } from "@/lib/points";
import { createAmberAdapter, type AmberCredentials } from "../adapter";
import { type AdapterContext, type IntervalReading, type VendorErrorCode } from "../../types";
import { vendorFailure } from "@/test/helpers/vendor-errors";

// 13:40 AEDT on 15 Dec 2025 (NEM 12:40).
const T = Date.parse("2025-12-15T02:40:00Z");
const MIN = 60_000;
const SITE = AMBER_DEMO_SITES["1001"];
const KEY: AmberCredentials = { apiKey: "psk_demo_amber_0123456789abcdef" };

let emu: RunningEmulators;
let amber: AmberEmulator;
let adapter: ReturnType<typeof createAmberAdapter>;

type Ctx = AdapterContext<AmberCredentials>;
function ctx(over: Partial<Ctx> & { site?: string } = {}): Ctx {
  const { site = SITE, ...rest } = over;
  return {
    system: {
      id: 1,
      vendorType: "amber",
      vendorSiteId: site,
      displayTimezone: "Australia/Melbourne",
      location: null,
      metadata: null,
    },
    credentials: KEY,
    state: null,
    now: new Date(emu.control.now()),
    ...rest,
  };
}
const pathOf = (r: IntervalReading) =>
  formatPointPath({
    type: r.point.type as PointType,
    subtype: r.point.subtype,
    extension: r.point.extension,
    metric: r.point.metricType,
  });
const rows = (list: IntervalReading[], path: string, endMs?: number) =>
  list.filter((r) => pathOf(r) === path && (endMs === undefined || r.intervalEndMs === endMs));
const failure = vendorFailure;
const dataCalls = () => emu.control.stats().amber?.byKind.data ?? 0;

beforeAll(async () => {
  amber = createAmberEmulator();
  emu = await startEmulators({ port: 0, emulators: [amber] });
  adapter = createAmberAdapter({ baseUrl: emu.urls.amber, timeoutMs: 3_000 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.setClock(T);
});

describe("Amber adapter against the emulator", () => {
  it("maps billable usage per channel to 5-minute Wh within 0.5% of the simulator, with exact half-hour sums", async () => {
    const result = await adapter.fetchLatestData!(ctx());
    const intervals = result.intervals!;
    // Half-hours that ended more than 6 h ago are billable: those ending 05:00–06:30 NEM on the 15th.
    let checked = 0;
    for (let end = Date.parse("2025-12-14T19:00:00Z"); end <= Date.parse("2025-12-14T20:30:00Z"); end += 30 * MIN) {
      const truth = amber.usageTruth(SITE, end);
      for (const [path, wh] of [
        ["bidi.grid.import/energy", truth.E1],
        ["bidi.grid.export/energy", truth.B1],
        ["load.controlled/energy", truth.CL1],
      ] as const) {
        const slots = intervals.filter(
          (r) => pathOf(r) === path && r.intervalEndMs > end - 30 * MIN && r.intervalEndMs <= end,
        );
        expect(slots).toHaveLength(6);
        expect(new Set(slots.map((s) => s.quality))).toEqual(new Set(["billable"]));
        const sum = slots.reduce((a, s) => a + (s.delta as number), 0);
        expect(Math.abs(sum - wh)).toBeLessThanOrEqual(Math.max(wh * 0.005, 0.5));
        checked++;
      }
    }
    expect(checked).toBe(12);
  });

  it("marks recent usage estimated, costs in cents, and the controlled load's hot-water hours", async () => {
    const result = await adapter.fetchLatestData!(ctx());
    const recentEnd = Date.parse("2025-12-15T02:30:00Z");
    const energy = rows(result.intervals!, "bidi.grid.import/energy", recentEnd)[0];
    expect(energy.quality).toBe("estimated");
    const price = rows(result.intervals!, "bidi.grid.import/price", recentEnd).find((r) => r.quality === "estimated")!;
    const cost = rows(result.intervals!, "bidi.grid.import/cost", recentEnd)[0];
    expect(price.point.unit).toBe("c/kWh");
    expect(cost.point.unit).toBe("c");
    // Cost (c) = kWh × c/kWh, per 5-minute share.
    expect(cost.delta as number).toBeCloseTo(((energy.delta as number) / 1000) * (price.avg as number), 3);
    const cl = rows(result.intervals!, "load.controlled/energy").filter((r) => (r.delta as number) > 0);
    expect(cl.length).toBeGreaterThan(0);
    for (const r of cl) expect(new Date(r.intervalEndMs + 10 * 3_600_000).getUTCHours()).toBeLessThanOrEqual(3);
  });

  it("receives feed-in kWh negative from the emulator (as the real API) and stores export energy positive", async () => {
    const raw = usageRecords(simulator, DEMO_SITES["1001"], Date.parse("2025-12-15T01:00:00Z"), T);
    const b1 = raw.find((r) => r.channelIdentifier === "B1")!;
    const result = await adapter.fetchLatestData!(ctx());
    const exported = rows(result.intervals!, "bidi.grid.export/energy");
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.every((r) => (r.delta as number) >= 0)).toBe(true);
    expect(exported.some((r) => (r.delta as number) > 0)).toBe(true);
    expect(b1.kwh as number).toBeLessThan(0); // midday export
    // Cost has the sign of the feed-in price: negative (a credit) when exporting earns money.
    expect(Math.sign(b1.cost as number)).toBe(Math.sign(b1.perKwh as number));
    expect(result.sessionLabel).toBeUndefined(); // no sign had to be corrected
  });

  it("maps prices: actual, estimated current and forecast, per channel, with spot, renewables and tariff period", async () => {
    const result = await adapter.fetchLatestData!(ctx());
    const prices = result.intervals!;
    const pastStart = Date.parse("2025-12-15T01:00:00Z"); // an actual half-hour
    const end = pastStart + 30 * MIN;
    const actual = rows(prices, "bidi.grid.import/price", end).find((r) => r.quality === "actual")!;
    expect(actual.avg).toBeCloseTo(perKwh(1001, pastStart, "general"), 2);
    const feedIn = rows(prices, "bidi.grid.export/price", end).find((r) => r.quality === "actual")!;
    expect(feedIn.avg).toBeCloseTo(perKwh(1001, pastStart, "feedIn"), 2); // Amber's sign: negative = paid to export
    expect(rows(prices, "bidi.grid.spot/price", end).find((r) => r.quality === "actual")!.avg).toBeCloseTo(
      spotPerKwh(1001, pastStart),
      2,
    );
    expect(rows(prices, "bidi.grid.tariff/text", end)[0].valueStr).toBe(tariffPeriod(pastStart));
    expect(rows(prices, "bidi.grid.renewables/percent", end)[0].point.unit).toBe("%");
    const current = rows(prices, "bidi.grid.import/price", Date.parse("2025-12-15T03:00:00Z"));
    expect(current.map((r) => r.quality)).toContain("estimated");
    const ahead = rows(prices, "bidi.grid.import/price", Date.parse("2025-12-16T02:00:00Z"));
    expect(ahead.map((r) => r.quality)).toEqual(["forecast"]);
    expect(rows(prices, "load.controlled/price", end).length).toBeGreaterThan(0);
    expect(prices.every((r) => r.intervalEndMs % (5 * MIN) === 0)).toBe(true);
  });

  it("fetches prices every poll but usage only when the last usage fetch is over 55 minutes old", async () => {
    const first = await adapter.fetchLatestData!(ctx());
    expect(dataCalls()).toBe(2);
    expect(first.state).toEqual({ usageFetchedAtMs: T, usageFrom: "2025-12-15" });
    let state = first.state!;
    for (let i = 1; i <= 11; i++) {
      const now = T + i * 5 * MIN;
      emu.control.setClock(now);
      const r = await adapter.fetchLatestData!(ctx({ state, now: new Date(now) }));
      expect(r.state).toBeUndefined();
      expect(r.intervals!.some((x) => x.point.metricType === "energy")).toBe(false);
    }
    expect(dataCalls()).toBe(13);
    const later = T + 60 * MIN;
    emu.control.setClock(later);
    const again = await adapter.fetchLatestData!(ctx({ state, now: new Date(later) }));
    expect(dataCalls()).toBe(15);
    expect(again.state).toMatchObject({ usageFetchedAtMs: later });
    state = again.state!;
    expect(state.usageFrom).toBe("2025-12-15");
  });

  it("starts a fresh system's usage two NEM days back and never asks for more than 7 days", async () => {
    const first = await adapter.fetchLatestData!(ctx());
    expect((first.vendorResponse as { usage: { startDate: string } }).usage.startDate).toBe("2025-12-13");
    const old = { usageFetchedAtMs: T - 2 * 3_600_000, usageFrom: "2025-11-01" };
    const r = await adapter.fetchLatestData!(ctx({ state: old }));
    expect((r.vendorResponse as { usage: { startDate: string; endDate: string } }).usage).toMatchObject({
      startDate: "2025-12-09",
      endDate: "2025-12-15",
    });
  });

  it.each<[string, VendorErrorCode, Record<string, unknown>]>([
    ["expired_session", "AUTH_FAILED", { status: 401 }],
    ["rate_limit", "RATE_LIMITED", { status: 429, retryAfterMs: 30_000 }],
    ["server_error", "HTTP_ERROR", { status: 500 }],
    ["maintenance", "HTTP_ERROR", { status: 503 }],
    ["malformed_json", "BAD_RESPONSE", {}],
    ["empty_data", "NO_DATA", {}],
  ])("maps %s to %s", async (mode, code, options) => {
    emu.control.setMode({ vendor: "amber", mode: mode as never });
    const err = await failure(adapter.fetchLatestData!(ctx()));
    expect(err.code).toBe(code);
    expect(err.options).toMatchObject(options);
    expect(err.message).not.toContain(KEY.apiKey);
    expect(err.message.length).toBeGreaterThan(15);
  });

  it("reports a wrong key, an unknown site and a timeout clearly", async () => {
    const bad = await failure(adapter.fetchLatestData!(ctx({ credentials: { apiKey: "psk_wrong_key_0000" } })));
    expect(bad.code).toBe("AUTH_FAILED");
    expect(bad.message).toContain("rejected the API key");
    const site = await failure(adapter.fetchLatestData!(ctx({ site: "01JAMBERDEMOSITE0000001003" })));
    expect(site.code).toBe("CONFIG");
    const quick = createAmberAdapter({ baseUrl: emu.urls.amber, timeoutMs: 200 });
    emu.control.setMode({ vendor: "amber", mode: "timeout" });
    expect((await failure(quick.fetchLatestData!(ctx()))).code).toBe("TIMEOUT");
  });

  it("discovers the key's sites and reads current prices", async () => {
    const { system: _s, ...noSystem } = ctx();
    const r = await adapter.testConnection!(noSystem);
    expect(r.sites.map((s) => s.vendorSiteId)).toEqual([AMBER_DEMO_SITES["1001"], AMBER_DEMO_SITES["1002"]]);
    expect(r.sites[0].info).toMatchObject({
      model: "Amber Electric",
      serial: "6305000001",
      ratings: "E1 general, B1 feedIn, CL1 controlledLoad",
    });
    const paths = r.latest.map((l) =>
      formatPointPath({
        type: l.point.type as PointType,
        subtype: l.point.subtype,
        extension: l.point.extension,
        metric: l.point.metricType,
      }),
    );
    expect(paths.sort()).toEqual(
      [
        "bidi.grid.demand_window/code",
        "bidi.grid.descriptor/text",
        "bidi.grid.export/price",
        "bidi.grid.import/price",
        "bidi.grid.renewables/percent",
        "bidi.grid.spike/text",
        "bidi.grid.spot/price",
        "bidi.grid.tariff/text",
        "load.controlled/price",
      ].sort(),
    );
    emu.control.setMode({ vendor: "amber", mode: "empty_data" });
    expect((await failure(adapter.testConnection!(noSystem))).code).toBe("NO_DATA");
  });

  it("is due every 5 minutes and validates the key's shape", () => {
    const system = ctx().system;
    expect(adapter.isDue(system, null, new Date(T))).toBe(true);
    expect(adapter.isDue(system, T - 4 * MIN, new Date(T))).toBe(false);
    expect(adapter.isDue(system, T - 5 * MIN, new Date(T))).toBe(true);
    const r = adapter.credentialsSchema.safeParse({ apiKey: "abc" });
    expect(r.success).toBe(false);
    expect(r.success ? "" : r.error.issues[0].message).toContain("psk_");
  });
});
