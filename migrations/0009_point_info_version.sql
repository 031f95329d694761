-- Per system, a number that changes whenever any of its points is created, edited or removed, kept by triggers so
-- no write path can forget it. Polls keep each system's points in memory (lib/ingest/ensure-points.ts) and check
-- them against this one row per system, instead of reading every point's updated_at on every poll.
-- The value is a microsecond clock, at least one more than before: unique enough that a copy read from another
-- database with the same system ids never matches by chance.
CREATE TABLE point_info_version (
  system_id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL
);

INSERT INTO point_info_version (system_id, version)
  SELECT DISTINCT system_id, CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER) FROM point_info;

CREATE TRIGGER point_info_version_insert AFTER INSERT ON point_info BEGIN INSERT OR IGNORE INTO point_info_version (system_id, version) VALUES (NEW.system_id, 0); UPDATE point_info_version SET version = max(version + 1, CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)) WHERE system_id = NEW.system_id; END;

CREATE TRIGGER point_info_version_update AFTER UPDATE ON point_info BEGIN INSERT OR IGNORE INTO point_info_version (system_id, version) VALUES (NEW.system_id, 0); UPDATE point_info_version SET version = max(version + 1, CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)) WHERE system_id IN (OLD.system_id, NEW.system_id); END;

-- Only an update: a system being deleted cascades to its points, and must not get its row back.
CREATE TRIGGER point_info_version_delete AFTER DELETE ON point_info BEGIN UPDATE point_info_version SET version = max(version + 1, CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)) WHERE system_id = OLD.system_id; END;

CREATE TRIGGER point_info_version_system_delete AFTER DELETE ON systems BEGIN DELETE FROM point_info_version WHERE system_id = OLD.id; END;
