/*
 * Raw readings are stored one row per (system, measurement time) in poll_readings, the readings of that poll
 * packed as one JSON object keyed by point id (migrations/0008_poll_readings.sql explains why). This module is
 * the one place that knows the encoding, in JS (packReading) and in SQL (the fragments below).
 *
 * A reading is a bare JSON number when it is a good number without text (nearly every reading), else
 * [value, data_quality, value_str]. A bare JSON null never appears: json_patch, which merges a replay into a
 * stored row, would read it as "remove".
 */

/** A packed reading: a good plain number, or [value, quality, text]. */
export type PackedReading = number | [number | null, number, string | null];

/** The JSON value stored for one reading (non-finite numbers are stored as null, as JSON cannot hold them). */
export function packReading(value: number | null, quality: number, valueStr: string | null): PackedReading {
  const v = value !== null && Number.isFinite(value) ? value : null;
  return quality === 0 && valueStr === null && v !== null ? v : [v, quality, valueStr];
}

/** SQL columns of one unpacked reading, given the alias of a `json_each(poll_readings.readings)` row. */
export function unpacked(j: string) {
  return {
    pointId: `CAST(${j}.key AS INTEGER)`,
    value: `(CASE WHEN ${j}.type = 'array' THEN ${j}.value ->> 0 ELSE ${j}.value END)`,
    quality: `(CASE WHEN ${j}.type = 'array' THEN ${j}.value ->> 1 ELSE 0 END)`,
    valueStr: `(CASE WHEN ${j}.type = 'array' THEN ${j}.value ->> 2 END)`,
  };
}

/**
 * SQL expressions for one point's reading inside a packed row without unpacking the row: `readings` is the
 * column expression, `pointId` an SQL expression of the point id. NULL where the row has no reading of it.
 */
export function readingOf(readings: string, pointId: string) {
  // Cast: a bound id may arrive as REAL (1.0), which would make the path '$."1.0"'.
  const path = `('$."' || CAST(${pointId} AS INTEGER) || '"')`;
  const isArray = `json_type(${readings}, ${path}) = 'array'`;
  return {
    value: `(CASE WHEN ${isArray} THEN json_extract(${readings}, ${path} || '[0]') ELSE json_extract(${readings}, ${path}) END)`,
    /** True (1) when the row holds a good (quality not error) non-null value of the point. */
    goodValue:
      `(CASE json_type(${readings}, ${path}) WHEN 'integer' THEN 1 WHEN 'real' THEN 1 WHEN 'array' THEN ` +
      `json_extract(${readings}, ${path} || '[0]') IS NOT NULL AND json_extract(${readings}, ${path} || '[1]') <> 1 ` +
      "ELSE 0 END)",
    valueStr: `(CASE WHEN ${isArray} THEN json_extract(${readings}, ${path} || '[2]') END)`,
  };
}

/**
 * How far back `counterValueBefore` scans raw rows. A counter reports on every poll, so the scan normally stops at
 * the previous row; the bound only matters for a point with no earlier reading (a new point on a system with
 * months of raw rows), where it keeps the scan to a week of rows. Older values come from the 5-minute rows.
 */
export const COUNTER_LOOKBACK_MS = 7 * 24 * 3_600_000;

/**
 * SQL: the last good value of a counter at or before a time — from the system's raw rows (bounded, above), else
 * the newest stored 5-minute `last` — so a counter's first step after a gap is measured from what came before it.
 * The arguments are SQL expressions.
 */
export function counterValueBefore(systemId: string, pointId: string, atOrBefore: string): string {
  const y = readingOf("y.readings", pointId);
  return (
    `COALESCE((SELECT ${y.value} FROM poll_readings y WHERE y.system_id = ${systemId} ` +
    `AND y.measurement_time <= ${atOrBefore} AND y.measurement_time > ${atOrBefore} - ${COUNTER_LOOKBACK_MS} ` +
    `AND ${y.goodValue} ORDER BY y.measurement_time DESC LIMIT 1), ` +
    `(SELECT a.last FROM point_readings_agg_5m a WHERE a.system_id = ${systemId} AND a.point_id = ${pointId} ` +
    `AND a.interval_end <= ${atOrBefore} AND a.last IS NOT NULL ORDER BY a.interval_end DESC LIMIT 1))`
  );
}
