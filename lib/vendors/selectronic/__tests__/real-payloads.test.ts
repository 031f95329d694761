import { pathOfPoint } from "@/lib/points";
import { hfTime, mapHfItems, num, unixToMs } from "../mapper";
import { createSelectronicAdapter } from "../adapter";
import type { Reading } from "../../types";

const NOW = Date.parse("2024-11-22T00:00:00Z");
const byPath = (readings: Reading[]) => Object.fromEntries(readings.map((r) => [pathOfPoint(r.point), r]));

/** hfdata items as some real portals send them (numbers invented): every number a string. */
const STRINGS = {
  timestamp: "1732231800",
  solarinverter_w: "1842.6",
  shunt_w: "2210.4",
  load_w: "1375.0",
  battery_w: "-2540.2",
  grid_w: "0.0",
  battery_soc: "71.3",
  fault_code: "0",
  fault_ts: "0",
  gen_status: "0",
  solar_wh_total: "28453.118",
  load_wh_total: "21087.402",
  battery_in_wh_total: "12877.5",
  battery_out_wh_total: "11493.9",
  grid_in_wh_total: "210.7",
  grid_out_wh_total: "0.0",
};

describe("Selectronic hfdata against real-world shapes", () => {
  it("parses numbers sent as strings into the same readings as numbers", () => {
    const asStrings = mapHfItems(STRINGS, NOW);
    const asNumbers = mapHfItems(Object.fromEntries(Object.entries(STRINGS).map(([k, v]) => [k, Number(v)])), NOW);
    expect(asStrings).toHaveLength(14);
    expect(asStrings).toEqual(asNumbers);
    const p = byPath(asStrings);
    expect(p["source.solar/power"].value).toBeCloseTo(4053, 6);
    expect(p["bidi.battery/power"].value).toBeCloseTo(-2540.2, 6);
    expect(p["source.solar/energy"].value).toBe(28_453_118);
  });

  it.each([
    ["seconds", 1732231800, 1732231800_000],
    ["milliseconds", 1732231800_123, 1732231800_123],
    ["seconds as a string", "1732231800", 1732231800_000],
    ["milliseconds as a string", "1732231800000", 1732231800_000],
  ])("recognises a timestamp in %s", (_label, timestamp, ms) => {
    expect(hfTime({ timestamp }, NOW)).toEqual({ ms });
    expect(mapHfItems({ ...STRINGS, timestamp }, NOW)[0].measurementTimeMs).toBe(ms);
  });

  it.each([
    ["missing", undefined, /no usable timestamp/],
    ["zero", 0, /no usable timestamp/],
    ["not a number", "yesterday", /no usable timestamp/],
    ["before 2000 (a time of day in seconds)", 52_200, /impossible timestamp 52200 \(1970/],
    ["microseconds (the year 56,000 as ms)", 1732231800_000_000, /impossible timestamp/],
    ["two days in the future", (NOW + 2 * 86_400_000) / 1000, /impossible timestamp/],
  ])("refuses a timestamp that is %s", (_label, timestamp, message) => {
    const t = hfTime({ timestamp }, NOW);
    expect("error" in t && t.error).toMatch(message);
    expect("kind" in t && t.kind).toBe(
      timestamp === undefined || timestamp === 0 || timestamp === "yesterday" ? "missing" : "impossible",
    );
    expect(mapHfItems({ ...STRINGS, timestamp }, NOW)).toEqual([]);
  });

  it("reads a fault time in ms as ms", () => {
    const f = byPath(mapHfItems({ ...STRINGS, fault_code: "27", fault_ts: "1732231000000" }, NOW));
    expect(f["bidi.inverter.fault/time"].value).toBe(1732231000_000);
    expect(unixToMs(1732231000)).toBe(1732231000_000);
  });

  it.each([
    [12, 12],
    ["12.5", 12.5],
    ["-3", -3],
    ["n/a", null],
    ["", null],
    [null, null],
    [Number.POSITIVE_INFINITY, null],
  ])("num(%j) = %j", (v, expected) => expect(num(v)).toBe(expected));

  it("fails the poll with a clear BAD_RESPONSE (nothing stored) on an impossible timestamp", async () => {
    const adapter = createSelectronicAdapter({ baseUrl: "http://unused.invalid" });
    // A client that answers with fixed items: hfData is the only call fetchLatestData makes once logged in.
    const fetchImpl = jest.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes("/login")) {
        return new Response("", {
          status: 302,
          headers: { location: "/dashboard", "set-cookie": "PHPSESSID=x; Path=/" },
        });
      }
      return Response.json({ items: { ...STRINGS, timestamp: 1732231800_000_000 } });
    });
    try {
      const err = await adapter.fetchLatestData!({
        system: {
          id: 1,
          vendorType: "selectronic",
          vendorSiteId: "1001",
          displayTimezone: "Australia/Melbourne",
          location: null,
          metadata: null,
        },
        credentials: { email: "a@example.com", password: "x" },
        state: null,
        now: new Date(NOW),
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "BAD_RESPONSE", message: expect.stringMatching(/impossible timestamp/) });
    } finally {
      fetchImpl.mockRestore();
    }
  });
});
