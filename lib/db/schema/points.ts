import { integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { systems } from "./systems";

export const pointInfo = sqliteTable(
  "point_info",
  {
    systemId: integer("system_id")
      .notNull()
      .references(() => systems.id, { onDelete: "cascade" }),
    id: integer("id").notNull(),
    originId: text("origin_id").notNull(),
    originSubId: text("origin_sub_id").notNull().default(""),
    pointName: text("point_name").notNull(),
    displayName: text("display_name").notNull(),
    subsystem: text("subsystem"),
    type: text("type").$type<"source" | "load" | "bidi">(),
    subtype: text("subtype"),
    extension: text("extension"),
    alias: text("alias"),
    metricType: text("metric_type").notNull(),
    metricUnit: text("metric_unit").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    transform: text("transform").$type<"i" | "d" | null>(),
    created: integer("created").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.id] })],
);

export type PointInfo = typeof pointInfo.$inferSelect;

/** data_quality codes of a raw reading. */
export const QUALITY = { good: 0, error: 1, estimated: 2, interpolated: 3 } as const;

/**
 * Raw readings, one row per (system, measurement time): `readings` is the poll's readings as one JSON object
 * keyed by point id (lib/db/packed-readings.ts encodes and unpacks it). `point_readings` is a view that unpacks it
 * to one row per reading (migrations/0008_poll_readings.sql).
 */
export const pollReadings = sqliteTable(
  "poll_readings",
  {
    systemId: integer("system_id").notNull(),
    measurementTime: integer("measurement_time").notNull(),
    sessionId: integer("session_id"),
    readings: text("readings").notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.measurementTime] })],
);

export const pointReadingsAgg5m = sqliteTable(
  "point_readings_agg_5m",
  {
    systemId: integer("system_id").notNull(),
    pointId: integer("point_id").notNull(),
    intervalEnd: integer("interval_end").notNull(),
    avg: real("avg"),
    min: real("min"),
    max: real("max"),
    last: real("last"),
    delta: real("delta"),
    valueStr: text("value_str"),
    sampleCount: integer("sample_count").notNull(),
    errorCount: integer("error_count").notNull().default(0),
    dataQuality: text("data_quality"),
    sessionId: integer("session_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.pointId, t.intervalEnd] })],
);

/** Half-hour rows reduced from the 5-minute rows (migrations/0007_interval_close.sql). */
export const pointReadingsAgg30m = sqliteTable(
  "point_readings_agg_30m",
  {
    systemId: integer("system_id").notNull(),
    pointId: integer("point_id").notNull(),
    intervalEnd: integer("interval_end").notNull(),
    avg: real("avg"),
    min: real("min"),
    max: real("max"),
    last: real("last"),
    delta: real("delta"),
    sampleCount: integer("sample_count").notNull(),
    errorCount: integer("error_count").notNull().default(0),
    intervalCount: integer("interval_count").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.pointId, t.intervalEnd] })],
);

export const pointReadingsAgg1d = sqliteTable(
  "point_readings_agg_1d",
  {
    systemId: integer("system_id").notNull(),
    pointId: integer("point_id").notNull(),
    day: text("day").notNull(),
    avg: real("avg"),
    min: real("min"),
    max: real("max"),
    last: real("last"),
    delta: real("delta"),
    sampleCount: integer("sample_count").notNull(),
    errorCount: integer("error_count").notNull().default(0),
    intervalCount: integer("interval_count").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.pointId, t.day] })],
);
