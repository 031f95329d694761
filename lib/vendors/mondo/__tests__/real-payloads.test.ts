import { DateTime } from "luxon";
import { pathOfPoint } from "@/lib/points";
import { mapRows, mapYesterday, pointsOf } from "../mapper";
import type { MondoRow } from "../client";

/** A sub-circuit answer shaped like the platform's (numbers invented): ids are uuids, rows in no order. */
const ROWS: MondoRow[] = [
  { monitoringPointId: "9b2e-06", monitoringPointName: "Power Points", loadType: "Other", energyNowW: 410.2 },
  {
    monitoringPointId: "9b2e-03",
    monitoringPointName: "Grid Meter",
    loadType: "GateMeter",
    energyNowW: -2150.4, // exporting
    totalEnergyWh: 3_412_880.1,
    energyTodayWh: 1804.5,
    energyYesterdayWh: 6120.3,
  },
  {
    monitoringPointId: "9b2e-02",
    monitoringPointName: "Home Battery",
    loadType: "HybridBattery",
    energyNowW: -1500, // charging
    totalEnergyWh: 2_004_113.7,
    stateOfCharge: 64.5,
    energyTodayWh: 820.1,
    energyYesterdayWh: 7400.9,
  },
  { monitoringPointId: "9b2e-01", monitoringPointName: "Rooftop Solar", loadType: "PvInverter", energyNowW: 4300 },
  { monitoringPointId: "9b2e-04", monitoringPointName: "Air Conditioner", loadType: "Other", energyNowW: 240 },
];
const T = Date.parse("2025-12-15T02:30:00Z");
const byPath = () =>
  Object.fromEntries(
    mapRows(ROWS, T)
      .filter((r) => r.point.type)
      .map((r) => [pathOfPoint(r.point), r]),
  );

describe("Mondo mapping by capability (issue #16 item 8)", () => {
  it.each([
    ["the gate meter is the grid, + import", "bidi.grid/power", -2150.4],
    ["its counter is energy imported", "bidi.grid.import/energy", 3_412_880.1],
    ["the hybrid battery is the battery, + discharging", "bidi.battery/power", -1500],
    ["its counter is energy discharged", "bidi.battery.discharge/energy", 2_004_113.7],
    ["its state of charge", "bidi.battery/soc", 64.5],
    ["solar is a part summed into solar", "source.solar.rooftop_solar/power", 4300],
    ["each circuit is a load with its own name", "load.air_conditioner/power", 240],
    ["… another circuit", "load.power_points/power", 410.2],
  ])("%s: %s", (_label, path, value) => {
    expect(byPath()[path]?.value).toBe(value);
  });

  it("names each circuit's load after the circuit", () => {
    expect(byPath()["load.air_conditioner/power"].point.name).toBe("Air Conditioner");
  });

  it("keeps a second gate meter or battery apart (a slug extension), so the grid is never counted twice", () => {
    const rows: MondoRow[] = [
      ...ROWS,
      { monitoringPointId: "9b2e-07", monitoringPointName: "Granny Flat Meter", loadType: "GateMeter", energyNowW: 5 },
    ];
    const points = pointsOf(rows);
    expect(pathOfPoint(points.get("9b2e-03")!.power)).toBe("bidi.grid/power"); // the first by id
    expect(pathOfPoint(points.get("9b2e-07")!.power)).toBe("bidi.grid.granny_flat_meter/power");
    expect(pathOfPoint(points.get("9b2e-07")!.energy)).toBe("bidi.grid.granny_flat_meter/energy");
  });

  it("keeps energy today as an unclassified daily counter (never a flow)", () => {
    const today = mapRows(ROWS, T).filter((r) => r.point.originSubId === "energy_today");
    expect(today.map((r) => [r.point.originId, r.value])).toEqual([
      ["9b2e-03", 1804.5],
      ["9b2e-02", 820.1],
    ]);
    for (const r of today) {
      expect(r.point).toMatchObject({ type: null, metricType: "energy", transform: "d", unit: "Wh" });
      expect(pathOfPoint(r.point)).toBeNull();
    }
  });

  it.each([
    ["Australia/Melbourne", "2025-12-15T00:00:00+11:00"],
    ["Australia/Adelaide", "2025-12-15T00:00:00+10:30"],
    ["Asia/Kathmandu", "2025-12-15T00:00:00+05:45"],
  ])("writes energy yesterday at the interval ending at local midnight in %s", (zone, midnight) => {
    const rows = mapYesterday(ROWS, T, zone);
    expect(rows.map((r) => [r.point.originId, r.delta])).toEqual([
      ["9b2e-03", 6120.3],
      ["9b2e-02", 7400.9],
    ]);
    for (const r of rows) {
      expect(r.intervalEndMs).toBe(DateTime.fromISO(midnight).toMillis());
      expect(r.intervalEndMs % 300_000).toBe(0);
      expect(r.point).toMatchObject({ type: null, transform: null, originSubId: "energy_yesterday" });
    }
  });
});
