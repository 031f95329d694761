-- Escalation to people (issue #18): an unacknowledged alert past its rule's escalate_after_ms is also mailed to each
-- owner and admin of its system at their account email. Those deliveries stay in the one delivery log: a delivery
-- now goes either to a channel (channel_id) or to a person (recipient_user_id, by email), never both. SQLite cannot
-- drop a NOT NULL, so the table is rebuilt (nothing references it); the existing rows keep their ids.
CREATE TABLE alert_deliveries_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  channel_id INTEGER REFERENCES alert_channels(id) ON DELETE CASCADE,
  recipient_user_id TEXT,
  event TEXT NOT NULL CHECK (event IN ('fired', 'resolved', 'escalated')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_until INTEGER,
  last_error TEXT,
  response_status INTEGER,
  latency_ms INTEGER,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  CHECK ((channel_id IS NULL) <> (recipient_user_id IS NULL)),
  UNIQUE (alert_id, channel_id, event)
);
INSERT INTO alert_deliveries_new (id, alert_id, channel_id, event, status, attempts, next_attempt_at, lease_until,
  last_error, response_status, latency_ms, created_at, sent_at)
  SELECT id, alert_id, channel_id, event, status, attempts, next_attempt_at, lease_until, last_error, response_status,
  latency_ms, created_at, sent_at FROM alert_deliveries;
DROP TABLE alert_deliveries;
ALTER TABLE alert_deliveries_new RENAME TO alert_deliveries;
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
-- Once per alert, person and event (channel_id is NULL on these rows, so the UNIQUE above does not cover them).
CREATE UNIQUE INDEX alert_deliveries_person ON alert_deliveries (alert_id, recipient_user_id, event)
  WHERE recipient_user_id IS NOT NULL;
