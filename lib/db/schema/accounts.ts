import { integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { systems } from "./systems";

/**
 * Energy accounts per system and local day (migrations/0010_energy_daily.sql; written and read by
 * lib/accounts/store.ts). `totals` is the day's additive sums as JSON (lib/accounts/totals.ts Totals).
 */
export const energyDaily = sqliteTable(
  "energy_daily",
  {
    systemId: integer("system_id")
      .notNull()
      .references(() => systems.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    startMs: integer("start_ms").notNull(),
    endMs: integer("end_ms").notNull(),
    solarWh: real("solar_wh"),
    loadWh: real("load_wh"),
    batteryChargeWh: real("battery_charge_wh"),
    batteryDischargeWh: real("battery_discharge_wh"),
    gridImportWh: real("grid_import_wh"),
    gridExportWh: real("grid_export_wh"),
    solarToHomeWh: real("solar_to_home_wh"),
    solarToBatteryWh: real("solar_to_battery_wh"),
    solarToGridWh: real("solar_to_grid_wh"),
    batteryToHomeWh: real("battery_to_home_wh"),
    batteryToGridWh: real("battery_to_grid_wh"),
    gridToHomeWh: real("grid_to_home_wh"),
    gridToBatteryWh: real("grid_to_battery_wh"),
    selfConsumptionPct: real("self_consumption_pct"),
    selfSufficiencyPct: real("self_sufficiency_pct"),
    provenance: text("provenance").notNull(),
    intervals: integer("intervals").notNull(),
    withData: integer("with_data").notNull(),
    complete: integer("complete", { mode: "boolean" }).notNull(),
    totals: text("totals").notNull(),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.day] })],
);
