import { froniusPushSchema, type FroniusStore } from "../schema";
import { pushWarnings } from "../warnings";

const KEY = "k".repeat(43);
const store = (over: Record<string, unknown> = {}) =>
  froniusPushSchema.parse({
    apiKey: KEY,
    timestamp: "2025-01-21T06:00:00.000Z",
    sequence: "abcd/1",
    ...over,
  }) as FroniusStore;

describe("a Fronius push body", () => {
  it("without action is a store; the spec's siteId is ignored", () => {
    const parsed = froniusPushSchema.parse({
      siteId: "fronius-site-001",
      apiKey: KEY,
      timestamp: "2025-01-21T06:00:00.000Z",
      sequence: "abcd/1",
      solarW: 2500,
    });
    expect(parsed).toMatchObject({ action: "store", sequence: "abcd/1", solarW: 2500 });
    expect(parsed).not.toHaveProperty("siteId");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a chosen key", { apiKey: "my-api-key" }, "apiKey must be this system's push secret"],
    ["no key", { apiKey: undefined }, "apiKey must be this system's push secret"],
    ["a numeric key", { apiKey: 12345 }, "apiKey must be this system's push secret"],
    ["an unknown action", { action: "upload" }, "or left out: a body without action is a store"],
    ["no timestamp", { timestamp: undefined }, "timestamp is required for store"],
  ])("with %s is refused with what to change", (_what, over, message) => {
    const res = froniusPushSchema.safeParse({ apiKey: KEY, timestamp: "2025-01-21T06:00:00Z", solarW: 1, ...over });
    expect(res.success).toBe(false);
    const text = res.success ? "" : res.error.issues.map((i) => i.message).join("; ");
    expect(text).toContain(message);
    expect(text).not.toContain("my-api-key");
  });
});

describe("push sign warnings", () => {
  it.each<[string, Record<string, unknown>, RegExp[]]>([
    // The published spec's example: −700 W (charging in our convention) with only discharge energy.
    [
      "the spec's example",
      { batteryW: -700, batteryInWhInterval: 0, batteryOutWhInterval: 35, gridW: 0 },
      [/^batteryW is negative \(charging\) but the interval's energy is all discharging \(batteryOutWhInterval\)/],
    ],
    ["discharging that agrees", { batteryW: 700, batteryOutWhInterval: 35, batteryInWhInterval: 0 }, []],
    ["charging that agrees", { batteryW: -700, batteryInWhInterval: 12 }, []],
    ["discharging with only charge energy", { batteryW: 900, batteryInWhInterval: 15 }, [/^batteryW is positive/]],
    [
      "a switch within the minute (both energies)",
      { batteryW: -700, batteryInWhInterval: 3, batteryOutWhInterval: 9 },
      [],
    ],
    ["an idle battery's noise", { batteryW: -20, batteryOutWhInterval: 1 }, []],
    ["no energies", { batteryW: -700 }, []],
    ["importing with only export energy", { gridW: 1500, gridOutWhInterval: 20 }, [/^gridW is positive \(importing\)/]],
    ["exporting with only import energy", { gridW: -1500, gridInWhInterval: 20 }, [/^gridW is negative \(exporting\)/]],
    [
      "both wrong",
      { batteryW: -700, batteryOutWhInterval: 35, gridW: -900, gridInWhInterval: 10 },
      [/^batteryW/, /^gridW/],
    ],
  ])("%s", (_what, fields, expected) => {
    const warnings = pushWarnings(store(fields));
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(warnings[i]).toMatch(re));
    for (const w of warnings) expect(w).not.toMatch(/\d{2,}/); // no values echoed
  });
});
