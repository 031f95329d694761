-- Vendor backfill (issue #20; lib/backfill): one "import history from <date>" job per system. The job walks
-- [from_ms, to_ms) forward in the vendor's chunks (HistoryCapability.chunkEnd); cursor_ms is where the next chunk
-- starts, so a run that stops (quota, crash, deploy) resumes there. calls_day is the UTC day (ms) calls_today counts in: the daily budget.
CREATE TABLE backfill_jobs (
  system_id INTEGER PRIMARY KEY REFERENCES systems(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('running', 'waiting', 'done', 'cancelled', 'failed')),
  from_ms INTEGER NOT NULL,
  to_ms INTEGER NOT NULL,
  cursor_ms INTEGER NOT NULL,
  calls_made INTEGER NOT NULL DEFAULT 0,
  calls_today INTEGER NOT NULL DEFAULT 0,
  calls_day INTEGER NOT NULL DEFAULT 0,
  rows_written INTEGER NOT NULL DEFAULT 0,
  next_run_ms INTEGER NOT NULL,
  last_error TEXT,
  lease_until INTEGER,
  requested_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX backfill_jobs_due ON backfill_jobs (status, next_run_ms);
