-- Per-person alert preferences (issue #18). Quiet hours are minutes of the person's local day in `timezone` (start
-- inclusive, end exclusive, wrapping past midnight allowed; both null: none). Email and webhook deliveries on a
-- channel the person made wait out their quiet hours (critical ones excepted, like a channel's own quiet hours);
-- the alert itself shows in the app at once.
CREATE TABLE alert_user_settings (
  user_id TEXT PRIMARY KEY,
  quiet_start_min INTEGER CHECK (quiet_start_min BETWEEN 0 AND 1439),
  quiet_end_min INTEGER CHECK (quiet_end_min BETWEEN 0 AND 1439),
  timezone TEXT NOT NULL DEFAULT 'UTC',
  updated_at INTEGER NOT NULL
);
