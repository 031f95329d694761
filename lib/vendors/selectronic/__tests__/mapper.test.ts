import { METRIC_UNITS, type MetricType } from "@/lib/points";
import { mapHfItems, SELECTRONIC_POINTS } from "../mapper";
import type { Reading } from "../../types";
import { pathOfPoint } from "@/lib/points";

// The sample payload from vendor-apis.md.
const SAMPLE = {
  timestamp: 1732231800,
  solarinverter_w: 1842.6,
  shunt_w: 2210.4,
  load_w: 1375.0,
  battery_w: -2540.2,
  grid_w: 0.0,
  battery_soc: 71.3,
  fault_code: 0,
  fault_ts: 0,
  gen_status: 0,
  solar_wh_today: 14.62,
  solar_wh_total: 28453.118,
  load_wh_total: 21087.402,
  battery_in_wh_total: 12877.5,
  battery_out_wh_total: 11493.9,
  grid_in_wh_total: 210.7,
  grid_out_wh_total: 0.0,
};

const pathOf = (r: Reading) => pathOfPoint(r.point);
const byPath = (readings: Reading[]) => Object.fromEntries(readings.map((r) => [pathOf(r), r]));

describe("Selectronic mapper", () => {
  const readings = mapHfItems(SAMPLE);
  const p = byPath(readings);

  it.each([
    ["source.solar/power", "solar_w", 4053, "W", null],
    ["source.solar.remote/power", "solarinverter_w", 1842.6, "W", null],
    ["source.solar.local/power", "shunt_w", 2210.4, "W", null],
    ["load/power", "load_w", 1375, "W", null],
    ["bidi.battery/power", "battery_w", -2540.2, "W", null],
    ["bidi.grid/power", "grid_w", 0, "W", null],
    ["bidi.battery/soc", "battery_soc", 71.3, "%", null],
    ["source.generator/code", "gen_status", 0, "", null],
    ["source.solar/energy", "solar_wh_total", 28_453_118, "Wh", "d"],
    ["load/energy", "load_wh_total", 21_087_402, "Wh", "d"],
    ["bidi.battery.charge/energy", "battery_in_wh_total", 12_877_500, "Wh", "d"],
    ["bidi.battery.discharge/energy", "battery_out_wh_total", 11_493_900, "Wh", "d"],
    ["bidi.grid.import/energy", "grid_in_wh_total", 210_700, "Wh", "d"],
    ["bidi.grid.export/energy", "grid_out_wh_total", 0, "Wh", "d"],
  ])("%s ← %s = %p %s (transform %p)", (path, originId, value, unit, transform) => {
    const r = p[path];
    expect(r).toBeDefined();
    expect(r.point.originId).toBe(originId);
    expect(r.value).toBeCloseTo(value as number, 6);
    expect(r.point.unit).toBe(unit);
    expect(r.point.transform ?? null).toBe(transform);
    expect(r.measurementTimeMs).toBe(1732231800_000);
  });

  it("produces exactly those points (no fault points when fault_code and fault_ts are 0)", () => {
    expect(readings).toHaveLength(14);
    expect(p["bidi.inverter.fault/text"]).toBeUndefined();
  });

  it("keeps the vendor sign, which is ours: battery − charging / + discharging, grid + import / − export", () => {
    const charging = byPath(mapHfItems({ ...SAMPLE, battery_w: -1200, grid_w: -300 }));
    expect(charging["bidi.battery/power"].value).toBe(-1200);
    expect(charging["bidi.grid/power"].value).toBe(-300);
    const night = byPath(mapHfItems({ ...SAMPLE, battery_w: 800, grid_w: 450 }));
    expect(night["bidi.battery/power"].value).toBe(800);
    expect(night["bidi.grid/power"].value).toBe(450);
  });

  it("reports a fault as text with its time in ms", () => {
    const f = byPath(mapHfItems({ ...SAMPLE, fault_code: 27, fault_ts: 1732231000 }));
    expect(f["bidi.inverter.fault/text"]).toMatchObject({ value: null, valueStr: "27" });
    expect(f["bidi.inverter.fault/time"].value).toBe(1732231000_000);
  });

  it("skips missing or non-numeric fields and returns nothing without a timestamp", () => {
    const partial = byPath(mapHfItems({ timestamp: 1732231800, shunt_w: 100, load_w: "n/a" }));
    expect(Object.keys(partial).sort()).toEqual(["source.solar.local/power", "source.solar/power"]);
    expect(partial["source.solar/power"].value).toBe(100);
    expect(mapHfItems({ ...SAMPLE, timestamp: 0 })).toEqual([]);
    expect(mapHfItems({})).toEqual([]);
  });

  it("defines every point with its canonical unit and a valid path", () => {
    for (const d of Object.values(SELECTRONIC_POINTS)) {
      expect(d.unit).toBe(METRIC_UNITS[d.metricType as MetricType]);
      expect(d.type).not.toBeNull();
    }
  });
});
