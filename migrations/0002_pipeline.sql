-- 0002: days whose 5-minute data changed since their daily row was computed. The ingest writer marks a
-- (system, local day) here in the same step as the 5-minute upsert; the daily catch-up aggregates every
-- ended day listed and removes the mark only if no newer write bumped `version` meanwhile.

CREATE TABLE daily_pending (
  system_id INTEGER NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (system_id, day)
) WITHOUT ROWID;
