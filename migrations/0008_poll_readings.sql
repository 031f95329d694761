-- Raw readings are stored one row per (system, measurement time): the readings of one poll packed as one JSON
-- object {"<point id>": reading}. Keyed (system_id, measurement_time), each poll writes one row at the end of its
-- system's range instead of one row per point spread over every point's range, which is what made the raw insert
-- cost more than an append (docs/scaling.md, "Raw readings: one row per poll").
--
-- A reading is a bare JSON number when it is a good (data_quality 0) number without text, which is nearly every
-- reading; anything else is [value, data_quality, value_str] (value and value_str may be null). A bare JSON null
-- never appears: json_patch, which merges a replay into a stored row, reads null as "remove".
-- Numbers are written by the application with JSON.stringify (shortest exact form); this migration writes the
-- old REAL values with printf('%!.17g'), which also reads back as the same double.
CREATE TABLE poll_readings (
  system_id INTEGER NOT NULL,
  measurement_time INTEGER NOT NULL,
  session_id INTEGER,
  readings TEXT NOT NULL,
  PRIMARY KEY (system_id, measurement_time)
) WITHOUT ROWID;

INSERT INTO poll_readings (system_id, measurement_time, session_id, readings)
  SELECT system_id, measurement_time, min(session_id), '{' || group_concat('"' || point_id || '":' || (
      CASE WHEN data_quality = 0 AND value_str IS NULL AND value IS NOT NULL THEN printf('%!.17g', value)
      ELSE '[' || (CASE WHEN value IS NULL THEN 'null' ELSE printf('%!.17g', value) END) || ',' || data_quality || ','
        || (CASE WHEN value_str IS NULL THEN 'null' ELSE json_quote(value_str) END) || ']' END), ',') || '}'
  FROM point_readings GROUP BY system_id, measurement_time;

DROP TABLE point_readings;

-- The per-reading shape every reader and test knew, unpacked on read. Hot readers (lib/aggregation/sql-five-minute.ts,
-- lib/aggregation/raw-reads.ts, lib/db/queries/readings.ts) read poll_readings directly and unpack each row once.
CREATE VIEW point_readings (system_id, point_id, measurement_time, value, value_str, data_quality, session_id) AS
  SELECT p.system_id, CAST(j.key AS INTEGER), p.measurement_time,
    CASE WHEN j.type = 'array' THEN j.value ->> 0 ELSE j.value END,
    CASE WHEN j.type = 'array' THEN j.value ->> 2 END,
    CASE WHEN j.type = 'array' THEN j.value ->> 1 ELSE 0 END,
    p.session_id
  FROM poll_readings p, json_each(p.readings) j;

-- Inserting one reading through the view: the first reading of a (system, point, time) wins, as with the old
-- table's ON CONFLICT DO NOTHING. Ids and quality are cast to integers: clients may bind numbers as REAL. (Trigger bodies stay on one line: lib/db/migrate.ts splits at a line-end ';'.)
CREATE TRIGGER point_readings_insert INSTEAD OF INSERT ON point_readings BEGIN INSERT INTO poll_readings (system_id, measurement_time, session_id, readings) VALUES (NEW.system_id, NEW.measurement_time, NEW.session_id, json_object(CAST(CAST(NEW.point_id AS INTEGER) AS TEXT), json(CASE WHEN coalesce(NEW.data_quality, 0) = 0 AND NEW.value_str IS NULL AND NEW.value IS NOT NULL THEN printf('%!.17g', NEW.value) ELSE '[' || (CASE WHEN NEW.value IS NULL THEN 'null' ELSE printf('%!.17g', NEW.value) END) || ',' || CAST(coalesce(NEW.data_quality, 0) AS INTEGER) || ',' || (CASE WHEN NEW.value_str IS NULL THEN 'null' ELSE json_quote(NEW.value_str) END) || ']' END))) ON CONFLICT (system_id, measurement_time) DO UPDATE SET readings = json_patch(excluded.readings, readings); END;

CREATE TRIGGER point_readings_delete INSTEAD OF DELETE ON point_readings BEGIN UPDATE poll_readings SET readings = json_remove(readings, '$."' || CAST(OLD.point_id AS INTEGER) || '"') WHERE system_id = OLD.system_id AND measurement_time = OLD.measurement_time; DELETE FROM poll_readings WHERE system_id = OLD.system_id AND measurement_time = OLD.measurement_time AND readings = '{}'; END;
