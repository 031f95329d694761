import { chargerPowerW, liveStatusReadings, milesToKm, vehicleReadings, wallConnectorPowerW } from "../mapper";
import { pathOfPoint } from "@/lib/points";
import type { Reading } from "../../types";

const NOW = Date.parse("2025-12-15T02:00:00Z");
const byPath = (rs: Reading[]) =>
  Object.fromEntries(rs.map((r) => [pathOfPoint(r.point) ?? r.point.originId, r.valueStr ?? r.value]));

const live = (over: Record<string, unknown>) => ({
  timestamp: "2025-12-15T12:00:00+10:00",
  solar_power: 0,
  battery_power: 0,
  load_power: 0,
  grid_power: 0,
  percentage_charged: 50,
  total_pack_energy: 13_500,
  grid_status: "Active",
  island_status: "on_grid",
  ...over,
});

describe("Tesla live status → canonical points (Tesla's signs are ours: battery + discharging, grid + import)", () => {
  it.each([
    [
      "battery discharging, grid importing",
      { solar_power: 0, battery_power: 2000, load_power: 2500, grid_power: 500 },
      { "source.solar/power": 0, "bidi.battery/power": 2000, "load/power": 2500, "bidi.grid/power": 500 },
    ],
    [
      "battery charging from solar, exporting",
      { solar_power: 6000, battery_power: -3000, load_power: 1000, grid_power: -2000 },
      { "source.solar/power": 6000, "bidi.battery/power": -3000, "load/power": 1000, "bidi.grid/power": -2000 },
    ],
    [
      "car charging at 7 kW from the grid",
      { solar_power: 1000, battery_power: 0, load_power: 7600, grid_power: 6600 },
      { "source.solar/power": 1000, "bidi.battery/power": 0, "load/power": 7600, "bidi.grid/power": 6600 },
    ],
  ])("%s", (_name, over, expected) => {
    const got = byPath(liveStatusReadings(live(over), NOW));
    expect(got).toMatchObject({ ...expected, "bidi.battery/soc": 50, "bidi.grid.status/text": "Active" });
    // The balance holds with the canonical signs: load = solar + battery + grid.
    const v = got as Record<string, number>;
    expect(v["load/power"]).toBe(v["source.solar/power"] + v["bidi.battery/power"] + v["bidi.grid/power"]);
  });

  it.each([
    ["2025-12-15T12:00:00+10:00", Date.parse("2025-12-15T02:00:00Z")],
    ["2025-12-15T02:00:00Z", Date.parse("2025-12-15T02:00:00Z")],
    ["2025-12-15T02:00:00+00:00", Date.parse("2025-12-15T02:00:00Z")],
    ["2025-12-14T21:00:00-05:00", Date.parse("2025-12-15T02:00:00Z")],
  ])("parses the timestamp %s with its own offset", (timestamp, ms) => {
    for (const r of liveStatusReadings(live({ timestamp }), 0)) expect(r.measurementTimeMs).toBe(ms);
  });

  it("makes no battery points and no grid status from a solar-only site", () => {
    const got = byPath(
      liveStatusReadings(
        live({
          percentage_charged: 0,
          total_pack_energy: 1,
          grid_status: "Unknown",
          island_status: "island_status_unknown",
          solar_power: 3000,
          grid_power: -2000,
          load_power: 1000,
        }),
        NOW,
      ),
    );
    expect(got).toEqual({ "source.solar/power": 3000, "load/power": 1000, "bidi.grid/power": -2000 });
  });

  it("reports an island (grid down) as text", () => {
    const got = byPath(liveStatusReadings(live({ grid_status: "Inactive", island_status: "off_grid" }), NOW));
    expect(got).toMatchObject({ "bidi.grid.status/text": "Inactive", "bidi.grid.island/text": "off_grid" });
  });
});

describe("Tesla vehicle data → EV points", () => {
  it.each([
    [
      "voltage × current when both are present",
      { charging_state: "Charging", charger_power: 9, charger_voltage: 243, charger_actual_current: 39 },
      9477,
    ],
    [
      "whole kW when the current is missing",
      { charging_state: "Charging", charger_power: 7, charger_voltage: null, charger_actual_current: null },
      7000,
    ],
    [
      "0 when unplugged (fields null)",
      { charging_state: "Disconnected", charger_power: null, charger_voltage: null },
      0,
    ],
    [
      "0 when complete (idle voltage ~2 V)",
      { charging_state: "Complete", charger_power: 0, charger_voltage: 2, charger_actual_current: 0 },
      0,
    ],
    [
      "0 on a DC fast charger (not the home's load)",
      { charging_state: "Charging", charger_power: 120, fast_charger_present: true },
      0,
    ],
  ])("charger power: %s", (_n, charge, w) => {
    expect(chargerPowerW(charge)).toBe(w);
  });

  const data = {
    charge_state: {
      timestamp: NOW,
      battery_level: 64,
      charging_state: "Charging",
      charge_energy_added: 12.34,
      charger_power: 7,
      charger_voltage: 250,
      charger_actual_current: 28,
      charge_limit_soc: 90,
    },
    drive_state: { latitude: -27.47, longitude: 153.03 },
  };

  it("types the charger power as the EV charger load and keeps the rest beside it", () => {
    const got = byPath(vehicleReadings("37", "Sparky", data, { nowMs: NOW, location: true }));
    expect(got).toEqual({
      "load.ev/power": 7000,
      "load.ev.vehicle/soc": 64,
      "load.ev.vehicle/energy": 12_340,
      "load.ev.vehicle/text": "Charging",
      "load.ev.limit/percent": 90,
      "load.ev.vehicle_lat/code": -27.47,
      "load.ev.vehicle_lng/code": 153.03,
    });
  });

  it("reads no location without the location scope", () => {
    const got = byPath(vehicleReadings("37", "Sparky", data, { nowMs: NOW, location: false }));
    expect(got).not.toHaveProperty(["load.ev.vehicle_lat/code"]);
  });

  it("gives every vehicle its own origin id and reads energy added as the car's value, not a home meter", () => {
    const rs = vehicleReadings("37", "Sparky", data, { nowMs: NOW, location: false });
    expect(new Set(rs.map((r) => r.point.originId))).toEqual(new Set(["vehicle:37"]));
    const added = rs.find((r) => r.point.metricType === "energy")!.point;
    expect([added.extension, added.transform]).toEqual(["vehicle", null]);
  });

  it.each([
    ["a whole number of miles", 10_000, 16_093.4],
    ["a fraction", 12_345.67, 19_868.4],
    ["zero", 0, 0],
  ])("odometer in km from the API's miles: %s", (_n, miles, km) => {
    expect(milesToKm(miles)).toBe(km);
    const rs = vehicleReadings(
      "37",
      "Sparky",
      { ...data, vehicle_state: { odometer: miles, timestamp: NOW } },
      {
        nowMs: NOW,
        location: false,
      },
    );
    expect(byPath(rs)).toMatchObject({ "load.ev.vehicle_odometer/code": km });
  });

  it("sends no odometer when vehicle_state has none", () => {
    const got = byPath(
      vehicleReadings("37", "Sparky", { ...data, vehicle_state: {} }, { nowMs: NOW, location: false }),
    );
    expect(got).not.toHaveProperty(["load.ev.vehicle_odometer/code"]);
  });

  it("leaves the home's charger load to the Wall Connector when the site has one", () => {
    const got = byPath(vehicleReadings("37", "Sparky", data, { nowMs: NOW, location: false, wallConnector: true }));
    expect(got).not.toHaveProperty(["load.ev/power"]);
    expect(got).toMatchObject({ "load.ev.vehicle/energy": 12_340, "load.ev.vehicle/text": "Charging" });
  });
});

describe("Tesla Wall Connectors → the EV charger load", () => {
  const wc = (power: unknown) => ({ din: "1529455-02-D--PGT1", wall_connector_state: 11, wall_connector_power: power });
  it.each<[string, unknown, number | null]>([
    ["no wall_connectors field", undefined, null],
    ["an empty list", [], null],
    ["one charging", [wc(7200)], 7200],
    ["one idle", [wc(0)], 0],
    ["two, summed", [wc(7200), wc(3600)], 10_800],
    ["power missing", [wc(null)], null],
  ])("%s", (_n, list, expected) => {
    const l = live(list === undefined ? {} : { wall_connectors: list });
    expect(wallConnectorPowerW(l)).toBe(expected);
    const got = byPath(liveStatusReadings(l, NOW));
    if (expected === null) expect(got).not.toHaveProperty(["load.ev/power"]);
    else expect(got).toMatchObject({ "load.ev/power": expected });
  });
});
