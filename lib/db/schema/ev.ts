import { integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { systems } from "./systems";

/**
 * Charging sessions per system (migrations/0015_charging_sessions.sql; written and read by lib/ev/store.ts).
 * `day` is the local day the session starts on; `detail` is JSON (provenance and notes, lib/ev/types.ts).
 */
export const chargingSessions = sqliteTable(
  "charging_sessions",
  {
    systemId: integer("system_id")
      .notNull()
      .references(() => systems.id, { onDelete: "cascade" }),
    chargerKey: text("charger_key").notNull(),
    startMs: integer("start_ms").notNull(),
    endMs: integer("end_ms").notNull(),
    day: text("day").notNull(),
    chargerName: text("charger_name").notNull(),
    source: text("source").$type<"charger" | "vehicle">().notNull(),
    ongoing: integer("ongoing", { mode: "boolean" }).notNull(),
    energyWh: real("energy_wh"),
    peakW: real("peak_w"),
    chargerKind: text("charger_kind").$type<"ac" | "dc" | null>(),
    location: text("location").$type<"home" | "away" | "unknown">().notNull(),
    distanceM: real("distance_m"),
    solarWh: real("solar_wh"),
    batteryWh: real("battery_wh"),
    gridWh: real("grid_wh"),
    unattributedWh: real("unattributed_wh"),
    solarSharePct: real("solar_share_pct"),
    costCents: real("cost_cents"),
    emissionsG: real("emissions_g"),
    batteryStartPct: real("battery_start_pct"),
    batteryEndPct: real("battery_end_pct"),
    detail: text("detail").notNull(),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.chargerKey, t.startMs] })],
);

/** Local days whose charging sessions are stored. */
export const chargingSessionDays = sqliteTable(
  "charging_session_days",
  {
    systemId: integer("system_id")
      .notNull()
      .references(() => systems.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.day] })],
);
