import { DateTime } from "luxon";
import type { IntervalTruth, SimCounters, SimState } from "../sim/types";
import type { TeslaEnergySite, TeslaVehicle } from "./accounts";
import { vehicleAt } from "./vehicle";

/** The site_info body of an energy site (its Wall Connectors listed among the components). */
export function siteInfoBody(s: TeslaEnergySite) {
  const battery = s.resourceType === "battery";
  return {
    id: s.energySiteId,
    site_name: s.siteName,
    installation_time_zone: s.site.timezone,
    battery_count: battery ? s.batteryCount : 0,
    nameplate_power: battery ? s.batteryCount * 5_000 : 0,
    nameplate_energy: battery ? s.site.batteryCapacityWh : 0,
    backup_reserve_percent: s.backupReservePct,
    default_real_mode: "self_consumption",
    components: {
      solar: s.site.pvPeakW > 0,
      battery,
      grid: true,
      generator: false,
      load_meter: true,
      wall_connectors: (s.wallConnectorDins ?? []).map((din, i) => ({
        device_id: `wc-${i + 1}`,
        din,
        is_active: true,
      })),
    },
    version: "24.12.1",
  };
}

/**
 * The live_status body at one simulated moment. A solar-only site says grid_status Unknown, percentage_charged 0
 * and total_pack_energy 1 (no battery points). Wall Connectors carry the power of the site's cars charging at home
 * (the first connector takes it all), which the simulator already counts in the load.
 */
export function liveStatusBody(s: TeslaEnergySite, st: SimState, cars: TeslaVehicle[], nowMs: number) {
  const battery = s.resourceType === "battery";
  const solarOnlyGrid = st.gridW + st.batteryW;
  return {
    timestamp: DateTime.fromMillis(nowMs, { zone: s.site.timezone }).toISO({ suppressMilliseconds: true }),
    solar_power: Math.round(st.solarW),
    battery_power: battery ? Math.round(st.batteryW) : 0,
    load_power: Math.round(st.loadW),
    grid_power: Math.round(battery ? st.gridW : solarOnlyGrid),
    generator_power: 0,
    grid_services_power: 0,
    percentage_charged: battery ? Math.round(st.socPct * 100) / 100 : 0,
    energy_left: battery ? Math.round((st.socPct / 100) * s.site.batteryCapacityWh) : 0,
    total_pack_energy: battery ? s.site.batteryCapacityWh : 1,
    grid_status: battery ? "Active" : "Unknown",
    island_status: battery ? "on_grid" : "island_status_unknown",
    storm_mode_active: false,
    backup_capable: battery,
    wall_connectors: wallConnectorsAt(s, cars, nowMs),
  };
}

/** The live_status `wall_connectors` of a site: state 11 charging, 2 idle; fault state 2 is "no fault". */
export function wallConnectorsAt(s: TeslaEnergySite, cars: TeslaVehicle[], nowMs: number) {
  const homeW = cars
    .filter((v) => v.homeSiteId === s.energySiteId)
    .map((v) => vehicleAt(v, s.site, nowMs))
    .reduce((sum, t) => sum + (t.atHome && t.chargingState === "Charging" ? t.chargerPowerW : 0), 0);
  return (s.wallConnectorDins ?? []).map((din, i) => {
    const w = i === 0 ? homeW : 0;
    return { din, wall_connector_state: w > 0 ? 11 : 2, wall_connector_fault_state: 2, wall_connector_power: w };
  });
}

/** One energy site as GET /api/1/products lists it. */
export function siteListing(s: TeslaEnergySite) {
  return {
    energy_site_id: s.energySiteId,
    resource_type: s.resourceType,
    site_name: s.siteName,
    id: `STE-${s.energySiteId}`,
    gateway_id: `GW-${s.energySiteId}`,
    energy_left: 0,
    total_pack_energy: s.resourceType === "battery" ? s.site.batteryCapacityWh : 1,
    percentage_charged: 0,
    battery_type: "ac_powerwall",
    backup_capable: s.resourceType === "battery",
    battery_power: 0,
    components: { battery: s.resourceType === "battery", solar: true, grid: true },
  };
}

const round = (wh: number) => Math.round(wh);

/** One kind=energy row (Wh, every flow split by where it went). */
export function energyRow(stamp: { timestamp: string | null }, e: SimCounters) {
  const solar = e.solarWh;
  const toGrid = e.gridOutWh;
  return {
    ...stamp,
    raw_timestamp: stamp.timestamp,
    solar_energy_exported: round(solar),
    grid_energy_imported: round(e.gridInWh),
    grid_energy_exported_from_solar: round(toGrid),
    grid_energy_exported_from_battery: 0,
    battery_energy_exported: round(e.batteryOutWh),
    battery_energy_imported_from_grid: 0,
    battery_energy_imported_from_solar: round(e.batteryInWh),
    consumer_energy_imported_from_grid: round(e.gridInWh),
    consumer_energy_imported_from_solar: round(Math.max(0, solar - toGrid - e.batteryInWh)),
    consumer_energy_imported_from_battery: round(e.batteryOutWh),
  };
}

/** One kind=power row (average W, Tesla's signs = ours; a solar-only site folds its battery into the grid). */
export function powerRow(s: TeslaEnergySite, w: IntervalTruth["avgW"]) {
  const battery = s.resourceType === "battery";
  return {
    solar_power: Math.round(w.solar),
    battery_power: battery ? Math.round(w.battery) : 0,
    grid_power: Math.round(battery ? w.grid : w.grid + w.battery),
    grid_services_power: 0,
    generator_power: 0,
  };
}
