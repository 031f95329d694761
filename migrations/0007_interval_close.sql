-- 5-minute intervals are aggregated once they have ended (lib/aggregation/close-intervals.ts), not on every poll:
-- aggregation_state.five_minute_through is, per system, the end of the newest interval already aggregated from raw
-- readings; raw readings after it (the interval in progress) are reduced on read (lib/aggregation/open-tail.ts).
-- Systems that already have readings were aggregated on arrival, so their mark starts at their newest reading.
CREATE TABLE aggregation_state (
  system_id INTEGER PRIMARY KEY REFERENCES systems (id) ON DELETE CASCADE,
  five_minute_through INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

INSERT INTO aggregation_state (system_id, five_minute_through, updated_at)
  SELECT system_id, ((max(measurement_time) + 299999) / 300000) * 300000, 0 FROM point_readings
  WHERE system_id IN (SELECT id FROM systems) GROUP BY system_id;

-- Half-hour rows for multi-day charts (7D reads 336 rows per point instead of 2,016), reduced from the 5-minute
-- rows exactly like the daily rows: bucket (end − 30 min, end] on UTC half hours, avg = mean of the 5-minute
-- averages, min/max, last = the last known value, delta = sum, counts summed, interval_count = rows present.
-- Rewritten whenever a 5-minute row inside the bucket is written (lib/aggregation/thirty-minute.ts).
CREATE TABLE point_readings_agg_30m (
  system_id INTEGER NOT NULL,
  point_id INTEGER NOT NULL,
  interval_end INTEGER NOT NULL,
  avg REAL,
  min REAL,
  max REAL,
  last REAL,
  delta REAL,
  sample_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL DEFAULT 0,
  interval_count INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (system_id, point_id, interval_end)
) WITHOUT ROWID;

INSERT INTO point_readings_agg_30m (system_id, point_id, interval_end, avg, min, max, last, delta, sample_count,
    error_count, interval_count, updated_at)
  SELECT system_id, point_id, ((interval_end + 1799999) / 1800000) * 1800000 AS bucket, avg(avg), min(min), max(max),
    (SELECT b.last FROM point_readings_agg_5m b WHERE b.system_id = a.system_id AND b.point_id = a.point_id
      AND b.interval_end > ((a.interval_end + 1799999) / 1800000) * 1800000 - 1800000
      AND b.interval_end <= ((a.interval_end + 1799999) / 1800000) * 1800000 AND b.last IS NOT NULL
      ORDER BY b.interval_end DESC LIMIT 1),
    sum(delta), sum(sample_count), sum(error_count), count(*), 0
  FROM point_readings_agg_5m a GROUP BY system_id, point_id, bucket;
