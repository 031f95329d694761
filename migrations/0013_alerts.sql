-- Alerts and notifications (issue #18; lib/alerts). Rules per system say what to watch; alerts are what fired;
-- transitions record every state change with who and when; channels are where alerts go (an email address or a
-- webhook URL with an encrypted signing secret); deliveries are the queue and log of what was sent where.

-- A rule of one system. `kind` is one of lib/alerts/rules.ts RULE_KINDS; `params` its validated JSON parameters.
-- `pending_since` is when a held-for-a-duration condition was first seen true (NULL when it is not).
CREATE TABLE alert_rules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  system_id INTEGER NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',
  severity TEXT NOT NULL DEFAULT 'warning' CHECK (severity IN ('info', 'warning', 'critical')),
  cooldown_ms INTEGER NOT NULL DEFAULT 1800000,
  escalate_after_ms INTEGER,
  enabled INTEGER NOT NULL DEFAULT 1,
  is_default INTEGER NOT NULL DEFAULT 0,
  pending_since INTEGER,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX alert_rules_system ON alert_rules (system_id, kind);

-- An alert. A system alert has a rule and a system; a fleet alert (kind 'vendor_outage') has neither, only the
-- vendor type. `held` marks a system alert held back (not delivered) while its vendor's fleet alert is open.
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  system_id INTEGER REFERENCES systems(id) ON DELETE CASCADE,
  rule_id INTEGER REFERENCES alert_rules(id) ON DELETE SET NULL,
  vendor_type TEXT NOT NULL,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  state TEXT NOT NULL CHECK (state IN ('active', 'acknowledged', 'resolved', 'expired')),
  title TEXT NOT NULL,
  message TEXT NOT NULL,
  details TEXT,
  held INTEGER NOT NULL DEFAULT 0,
  fired_at INTEGER NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by TEXT,
  resolved_at INTEGER,
  resolved_by TEXT,
  snoozed_until INTEGER,
  escalated_at INTEGER,
  updated_at INTEGER NOT NULL
);
-- One open (active or acknowledged) alert per rule and system: concurrent evaluations insert-or-ignore against it.
CREATE UNIQUE INDEX alerts_one_open_per_rule ON alerts (system_id, rule_id)
  WHERE state IN ('active', 'acknowledged') AND rule_id IS NOT NULL;
-- One open fleet alert per vendor.
CREATE UNIQUE INDEX alerts_one_open_outage ON alerts (vendor_type)
  WHERE state IN ('active', 'acknowledged') AND system_id IS NULL;
CREATE INDEX alerts_system_time ON alerts (system_id, fired_at);
CREATE INDEX alerts_rule_time ON alerts (rule_id, resolved_at);
CREATE INDEX alerts_open ON alerts (state) WHERE state IN ('active', 'acknowledged');

-- Every state change of an alert: `actor` is a user id, or 'system' for the evaluator.
CREATE TABLE alert_transitions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  from_state TEXT,
  to_state TEXT NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  note TEXT
);
CREATE INDEX alert_transitions_alert ON alert_transitions (alert_id, at);

-- Where a system's alerts go. `target` is an email address or an https/http URL; `secret` is the webhook signing
-- secret encrypted at rest (lib/crypto/secrets encryptJson), never returned. `audience` 'all' gets every alert,
-- 'escalation' only alerts left unacknowledged past their rule's escalate_after_ms. Quiet hours are minutes of
-- the local day in the system's time zone (start inclusive, end exclusive; wrapping past midnight allowed):
-- non-critical deliveries falling inside wait until they end.
CREATE TABLE alert_channels (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  system_id INTEGER NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('email', 'webhook')),
  target TEXT NOT NULL,
  secret TEXT,
  min_severity TEXT NOT NULL DEFAULT 'info' CHECK (min_severity IN ('info', 'warning', 'critical')),
  audience TEXT NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'escalation')),
  quiet_start_min INTEGER,
  quiet_end_min INTEGER,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX alert_channels_system ON alert_channels (system_id);

-- The delivery queue and log: one row per alert, channel and event (fired / resolved / escalated), so a replay
-- queues nothing twice. The alerts cron sends due rows with retry and back-off.
CREATE TABLE alert_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  channel_id INTEGER NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
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
  UNIQUE (alert_id, channel_id, event)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);

-- Maintenance mode per system: no alert fires (and open ones are kept, not resolved) until `maintenance_until`.
CREATE TABLE alert_settings (
  system_id INTEGER PRIMARY KEY REFERENCES systems(id) ON DELETE CASCADE,
  maintenance_until INTEGER,
  updated_by TEXT,
  updated_at INTEGER NOT NULL
);

-- Named leases of whole jobs (the alerts cron): one runner at a time, a crashed one expires.
CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  lease_until INTEGER NOT NULL
);

-- The default rules (offline, fault code, production drop) of every system, existing ones now and new ones by the
-- trigger below, so every way a system is created gets them. The trigger body stays on one line: the migration
-- runner splits statements at a `;` that ends a line.
INSERT INTO alert_rules (system_id, kind, name, params, severity, cooldown_ms, is_default, created_at, updated_at)
  SELECT s.id, d.kind, d.name, d.params, d.severity, 1800000, 1, s.created_at, s.created_at
  FROM systems s, (SELECT 'offline' AS kind, 'System offline' AS name, '{"afterMinutes":60}' AS params, 'critical' AS severity
    UNION ALL SELECT 'fault_code', 'Inverter fault', '{}', 'critical'
    UNION ALL SELECT 'production_drop', 'Production drop', '{"belowPercent":10,"forMinutes":60}', 'warning') d;
CREATE TRIGGER systems_default_alert_rules AFTER INSERT ON systems BEGIN
  INSERT INTO alert_rules (system_id, kind, name, params, severity, cooldown_ms, is_default, created_at, updated_at) SELECT NEW.id, d.kind, d.name, d.params, d.severity, 1800000, 1, NEW.created_at, NEW.created_at FROM (SELECT 'offline' AS kind, 'System offline' AS name, '{"afterMinutes":60}' AS params, 'critical' AS severity UNION ALL SELECT 'fault_code', 'Inverter fault', '{}', 'critical' UNION ALL SELECT 'production_drop', 'Production drop', '{"belowPercent":10,"forMinutes":60}', 'warning') d; END;
