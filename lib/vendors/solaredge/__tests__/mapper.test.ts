import { mapPowerFlow, parseQuarters, spreadQuarters, type PowerFlow } from "../mapper";

const T = Date.parse("2025-12-15T04:00:00Z");
const values = (flow: PowerFlow) =>
  Object.fromEntries(
    // Power and SoC only (statuses are text points, tested in real-payloads.test.ts).
    mapPowerFlow(flow, T)
      .filter((r) => r.point.metricType === "power" || r.point.metricType === "soc")
      .map((r) => [`${r.point.type}${r.point.subtype ? `.${r.point.subtype}` : ""}/${r.point.metricType}`, r.value]),
  );

describe("SolarEdge currentPowerFlow → canonical signs", () => {
  const node = (p: number, status = "Active") => ({ status, currentPower: p });
  it.each<[string, PowerFlow, Record<string, number>]>([
    [
      "sunny: PV feeds load, charges the battery, exports (kW)",
      {
        unit: "kW",
        connections: [
          { from: "PV", to: "Load" },
          { from: "PV", to: "Storage" },
          { from: "LOAD", to: "Grid" },
        ],
        PV: node(6.2),
        LOAD: node(1.1),
        GRID: node(2.1),
        STORAGE: { status: "Charging", currentPower: 3, chargeLevel: 64 },
      },
      {
        "source.solar/power": 6200,
        "load/power": 1100,
        "bidi.grid/power": -2100,
        "bidi.battery/power": -3000,
        "bidi.battery/soc": 64,
      },
    ],
    [
      "evening: battery and grid supply the load (W)",
      {
        unit: "W",
        connections: [
          { from: "STORAGE", to: "Load" },
          { from: "GRID", to: "Load" },
        ],
        PV: node(0, "Idle"),
        LOAD: node(2500),
        GRID: node(500),
        STORAGE: { status: "Discharging", currentPower: 2000, chargeLevel: 40 },
      },
      {
        "source.solar/power": 0,
        "load/power": 2500,
        "bidi.grid/power": 500,
        "bidi.battery/power": 2000,
        "bidi.battery/soc": 40,
      },
    ],
    [
      "cheap night: grid charges the battery (lower-case names)",
      {
        unit: "kW",
        connections: [
          { from: "grid", to: "storage" },
          { from: "grid", to: "load" },
        ],
        LOAD: node(0.4),
        GRID: node(3.4),
        STORAGE: { status: "Charging", currentPower: 3, chargeLevel: 20 },
      },
      { "load/power": 400, "bidi.grid/power": 3400, "bidi.battery/power": -3000, "bidi.battery/soc": 20 },
    ],
    [
      "status alone says charging when connections omit the storage link",
      { unit: "kW", connections: [], STORAGE: { status: "Charging", currentPower: 1.5, chargeLevel: 50 } },
      { "bidi.battery/power": -1500, "bidi.battery/soc": 50 },
    ],
    ["no meters: nothing", {}, {}],
  ])("%s", (_label, flow, expected) => {
    expect(values(flow)).toEqual(expected);
    // Balance where every node is present: load = solar + battery + grid.
    const v = values(flow) as Record<string, number>;
    if (
      v["load/power"] !== undefined &&
      v["source.solar/power"] !== undefined &&
      v["bidi.battery/power"] !== undefined
    ) {
      expect(v["source.solar/power"] + v["bidi.battery/power"] + v["bidi.grid/power"]).toBeCloseTo(v["load/power"], 6);
    }
  });
});

describe("SolarEdge energyDetails quarters", () => {
  it("reads site-local starts, ends each quarter 15 minutes later, and reads a repeated DST hour as the later offset", () => {
    // Hobart, 2025-04-06: clocks go back at 03:00 AEDT to 02:00 AEST, so 02:00–02:45 appear twice.
    const dates = ["01:45", "02:00", "02:15", "02:30", "02:45", "02:00", "02:15", "02:30", "02:45", "03:00"];
    const q = parseQuarters(
      {
        unit: "Wh",
        meters: [{ type: "Production", values: dates.map((d, i) => ({ date: `2025-04-06 ${d}:00`, value: i })) }],
      },
      "Australia/Hobart",
      Date.parse("2025-04-07T00:00:00Z"),
    );
    const ends = q.map((x) => new Date(x.endMs).toISOString());
    expect(ends).toEqual([
      "2025-04-05T15:00:00.000Z",
      "2025-04-05T15:15:00.000Z",
      "2025-04-05T15:30:00.000Z",
      "2025-04-05T15:45:00.000Z",
      "2025-04-05T16:00:00.000Z",
      "2025-04-05T16:15:00.000Z",
      "2025-04-05T16:30:00.000Z",
      "2025-04-05T16:45:00.000Z",
      "2025-04-05T17:00:00.000Z",
      "2025-04-05T17:15:00.000Z",
    ]);
  });

  it("skips quarters without a value or not yet finished, converts kWh, ignores meters we do not store", () => {
    const q = parseQuarters(
      {
        unit: "kWh",
        meters: [
          {
            type: "Purchased",
            values: [{ date: "2025-12-15 10:00:00", value: 0.25 }, { date: "2025-12-15 10:15:00" }],
          },
          { type: "SelfConsumption", values: [{ date: "2025-12-15 10:00:00", value: 1 }] },
          { type: "FeedIn", values: [{ date: "2025-12-15 10:30:00", value: 1 }] },
        ],
      },
      "Australia/Perth",
      Date.parse("2025-12-15T02:30:00Z"), // 10:30 AWST
    );
    expect(q).toEqual([
      {
        point: expect.objectContaining({ originId: "Purchased", extension: "import" }),
        endMs: Date.parse("2025-12-15T02:15:00Z"),
        wh: 250,
      },
    ]);
  });

  it("spreads each quarter over its three 5-minute intervals so the sum stays exact", () => {
    const q = parseQuarters(
      { unit: "Wh", meters: [{ type: "Production", values: [{ date: "2025-12-15 10:00:00", value: 100 }] }] },
      "Australia/Perth",
      Date.parse("2025-12-16T00:00:00Z"),
    );
    const spread = spreadQuarters(q);
    expect(spread.map((s) => s.intervalEndMs - Date.parse("2025-12-15T02:00:00Z"))).toEqual([
      300_000, 600_000, 900_000,
    ]);
    expect(spread.reduce((s, x) => s + x.delta!, 0)).toBeCloseTo(100, 9);
    expect(new Set(spread.map((s) => s.quality))).toEqual(new Set(["estimated"]));
  });
});
