import { pathOfPoint } from "@/lib/points";
import { numeric, readPowerFlow, type PowerFlow } from "../mapper";
import { logUnitErrorOnce } from "../adapter";

const T = Date.parse("2025-12-15T04:00:00Z");
const values = (flow: PowerFlow) =>
  Object.fromEntries(
    readPowerFlow(flow, T)
      .readings.filter((r) => r.value !== null)
      .map((r) => [pathOfPoint(r.point), r.value]),
  );

/** Flows shaped like recorded ones (numbers invented): statuses, connections, sometimes no `unit`. */
const midday = (over: Partial<PowerFlow> = {}): PowerFlow =>
  ({
    updateRefreshRate: 3,
    connections: [
      { from: "PV", to: "Load" },
      { from: "LOAD", to: "Grid" },
    ],
    GRID: { status: "Active", currentPower: 0.8 },
    LOAD: { status: "Active", currentPower: 3.2 },
    PV: { status: "Active", currentPower: 4.0 },
    ...over,
  }) as PowerFlow;

describe("SolarEdge power flows against real-world shapes", () => {
  it.each([
    ["no unit field: kW", midday(), { "source.solar/power": 4000, "load/power": 3200, "bidi.grid/power": -800 }],
    ["unit kW", midday({ unit: "kW" }), { "source.solar/power": 4000, "load/power": 3200, "bidi.grid/power": -800 }],
    [
      "unit W",
      midday({ unit: "W", PV: { currentPower: 4000 }, LOAD: { currentPower: 3200 }, GRID: { currentPower: 800 } }),
      { "source.solar/power": 4000, "load/power": 3200, "bidi.grid/power": -800 },
    ],
    [
      "numeric strings",
      midday({
        unit: "kW",
        PV: { currentPower: "4.0" },
        LOAD: { currentPower: " 3.2" },
        GRID: { currentPower: "0.8" },
      }),
      { "source.solar/power": 4000, "load/power": 3200, "bidi.grid/power": -800 },
    ],
  ])("%s", (_label, flow, expected) => {
    const r = readPowerFlow(flow, T);
    expect(values(flow)).toMatchObject(expected);
    expect(r.unitError).toBeNull();
    expect(r.warnings).toEqual([]);
  });

  it.each([
    [
      "no unit but W-sized numbers (4 MW as kW)",
      midday({ PV: { currentPower: 4000 }, LOAD: { currentPower: 3200 }, GRID: { currentPower: 800 } }),
      { "source.solar/power": 4000, "load/power": 3200 },
    ],
    ["unit W but a 3.2 W home load and every node kW-sized", midday({ unit: "W" }), { "load/power": 3200 }],
  ])("treats %s as a unit error, with a stable message to log once", (_label, flow, expected) => {
    const a = readPowerFlow(flow, T);
    expect(values(flow)).toMatchObject(expected);
    expect(a.unitError).toEqual(expect.any(String));
    expect(a.unitError).not.toMatch(/\d{3}/); // no values in it: the same error every poll is logged once
    expect(a.warnings.join()).toMatch(/unit error/);
  });

  it("keeps a 4 W home load next to kW-scale nodes as an error reading, and says so", () => {
    const flow = midday({
      unit: "W",
      PV: { currentPower: 4000 },
      LOAD: { currentPower: 4 },
      GRID: { currentPower: 0 },
    });
    const r = readPowerFlow(flow, T);
    const load = r.readings.find((x) => pathOfPoint(x.point) === "load/power")!;
    expect(load).toMatchObject({ value: 4, quality: "error" });
    expect(r.warnings.join()).toMatch(/LOAD 4 W is implausible/);
  });

  it("never drops a node silently: an unreadable currentPower is named in a warning", () => {
    const r = readPowerFlow(midday({ unit: "kW", GRID: { status: "Active", currentPower: "n/a" } }), T);
    expect(r.readings.map((x) => pathOfPoint(x.point))).not.toContain("bidi.grid/power");
    expect(r.warnings).toEqual([expect.stringMatching(/GRID\.currentPower "n\/a" is not a number/)]);
    const missing = readPowerFlow(midday({ unit: "kW", GRID: { status: "Idle" } }), T);
    expect(missing.warnings).toEqual(["GRID has no currentPower"]);
  });

  it("keeps STORAGE.critical and every node's status as points", () => {
    const flow = midday({
      unit: "kW",
      STORAGE: { status: "Discharging", currentPower: 1.5, chargeLevel: "12", critical: true },
      connections: [{ from: "STORAGE", to: "Load" }],
    });
    const r = readPowerFlow(flow, T);
    const byPath = Object.fromEntries(r.readings.map((x) => [pathOfPoint(x.point), x]));
    expect(byPath["bidi.battery.critical/code"].value).toBe(1);
    expect(byPath["bidi.battery/soc"].value).toBe(12);
    expect(byPath["bidi.battery/power"].value).toBe(1500);
    expect(
      Object.fromEntries(r.readings.filter((x) => x.valueStr).map((x) => [pathOfPoint(x.point), x.valueStr])),
    ).toEqual({
      "source.solar.status/text": "Active",
      "load.status/text": "Active",
      "bidi.grid.status/text": "Active",
      "bidi.battery.status/text": "Discharging",
    });
  });

  it.each([
    [4, 4],
    ["4.02", 4.02],
    [" -1.5 ", -1.5],
    ["1e3", 1000],
    [undefined, undefined],
    ["", undefined],
    ["n/a", null],
    [Number.NaN, null],
    [{}, null],
  ])("numeric(%j) = %j", (input, expected) => {
    expect(numeric(input)).toBe(expected);
  });

  it("logs a unit error once per site (kept in the vendor state), not on every poll, and again after a clean flow", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const state: { unitError?: string } = {};
      const flow = midday({ PV: { currentPower: 4000 }, LOAD: { currentPower: 3200 }, GRID: { currentPower: 800 } });
      for (let poll = 0; poll < 5; poll++) logUnitErrorOnce("3101", state, readPowerFlow(flow, T + poll).unitError);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/unit error/);
      logUnitErrorOnce("3101", state, readPowerFlow(midday(), T).unitError);
      expect(state.unitError).toBeUndefined();
      logUnitErrorOnce("3101", state, readPowerFlow(flow, T).unitError);
      expect(warn).toHaveBeenCalledTimes(2);
    } finally {
      warn.mockRestore();
    }
  });
});
