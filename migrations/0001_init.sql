-- 0001: the LiveOne point data model (seed 000), opaque user ids, encrypted credentials.
-- Raw readings and aggregates are WITHOUT ROWID tables clustered on (system, point, time): a reading is
-- stored once, in key order, with no rowid and no secondary index (see docs/architecture.md).

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT,
  email TEXT,
  display_name TEXT NOT NULL,
  is_platform_admin INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_username_unique ON users (username) WHERE username IS NOT NULL;
CREATE INDEX users_email_idx ON users (email);

CREATE TABLE systems (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_user_id TEXT NOT NULL,
  vendor_type TEXT NOT NULL,
  vendor_site_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'removed')),
  display_name TEXT NOT NULL,
  alias TEXT CHECK (alias IS NULL OR (alias GLOB '[A-Za-z0-9_]*' AND alias NOT GLOB '*[^A-Za-z0-9_]*' AND length(alias) BETWEEN 1 AND 40)),
  model TEXT,
  serial TEXT,
  ratings TEXT,
  solar_size TEXT,
  battery_size TEXT,
  location TEXT,
  metadata TEXT,
  timezone_offset_min INTEGER NOT NULL,
  display_timezone TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX systems_owner_idx ON systems (owner_user_id);
CREATE INDEX systems_status_idx ON systems (status);
CREATE UNIQUE INDEX systems_alias_unique ON systems (owner_user_id, alias) WHERE alias IS NOT NULL;
CREATE UNIQUE INDEX systems_default_unique ON systems (owner_user_id) WHERE is_default = 1;
CREATE UNIQUE INDEX systems_vendor_site_unique ON systems (owner_user_id, vendor_type, vendor_site_id);

CREATE TABLE polling_status (
  system_id INTEGER PRIMARY KEY REFERENCES systems (id) ON DELETE CASCADE,
  last_poll_time INTEGER,
  last_success_time INTEGER,
  last_error_time INTEGER,
  last_error TEXT,
  last_error_code TEXT,
  last_response TEXT,
  consecutive_errors INTEGER NOT NULL DEFAULT 0,
  total_polls INTEGER NOT NULL DEFAULT 0,
  successful_polls INTEGER NOT NULL DEFAULT 0,
  next_poll_at INTEGER,
  lease_owner TEXT,
  lease_until INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX polling_status_next_idx ON polling_status (next_poll_at);

CREATE TABLE point_info (
  system_id INTEGER NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
  id INTEGER NOT NULL,
  origin_id TEXT NOT NULL,
  origin_sub_id TEXT NOT NULL DEFAULT '',
  point_name TEXT NOT NULL,
  display_name TEXT NOT NULL,
  subsystem TEXT,
  type TEXT CHECK (type IS NULL OR type IN ('source', 'load', 'bidi')),
  subtype TEXT,
  extension TEXT,
  alias TEXT,
  metric_type TEXT NOT NULL,
  metric_unit TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  transform TEXT CHECK (transform IS NULL OR transform IN ('i', 'd')),
  created INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (system_id, id)
);
CREATE UNIQUE INDEX pi_system_origin_unique ON point_info (system_id, origin_id, origin_sub_id);
CREATE UNIQUE INDEX pi_system_alias_unique ON point_info (system_id, alias) WHERE alias IS NOT NULL;
CREATE INDEX pi_subsystem_idx ON point_info (subsystem);

-- data_quality: 0 good, 1 error, 2 estimated, 3 interpolated. Received time and error text live on the session.
CREATE TABLE point_readings (
  system_id INTEGER NOT NULL,
  point_id INTEGER NOT NULL,
  measurement_time INTEGER NOT NULL,
  value REAL,
  value_str TEXT,
  data_quality INTEGER NOT NULL DEFAULT 0,
  session_id INTEGER,
  PRIMARY KEY (system_id, point_id, measurement_time)
) WITHOUT ROWID;

CREATE TABLE point_readings_agg_5m (
  system_id INTEGER NOT NULL,
  point_id INTEGER NOT NULL,
  interval_end INTEGER NOT NULL,
  avg REAL,
  min REAL,
  max REAL,
  last REAL,
  delta REAL,
  value_str TEXT,
  sample_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL DEFAULT 0,
  data_quality TEXT,
  session_id INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (system_id, point_id, interval_end)
) WITHOUT ROWID;

CREATE TABLE point_readings_agg_1d (
  system_id INTEGER NOT NULL,
  point_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  avg REAL,
  min REAL,
  max REAL,
  last REAL,
  delta REAL,
  sample_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL DEFAULT 0,
  interval_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (system_id, point_id, day)
) WITHOUT ROWID;
CREATE INDEX pr1d_system_day_idx ON point_readings_agg_1d (system_id, day);

CREATE TABLE user_systems (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  system_id INTEGER NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'viewer' CHECK (role IN ('owner', 'admin', 'viewer')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX user_system_unique ON user_systems (user_id, system_id);
CREATE INDEX user_systems_system_idx ON user_systems (system_id);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_label TEXT,
  system_id INTEGER NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
  vendor_type TEXT NOT NULL,
  cause TEXT NOT NULL CHECK (cause IN ('CRON', 'ADMIN', 'USER', 'PUSH')),
  started INTEGER NOT NULL,
  duration INTEGER NOT NULL,
  successful INTEGER,
  error_code TEXT,
  error TEXT,
  response TEXT,
  num_rows INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX sessions_system_started_idx ON sessions (system_id, started);
CREATE INDEX sessions_started_idx ON sessions (started);

-- AES-256-GCM ciphertexts (lib/crypto): credentials the user gave, and vendor session state (cookies, tokens).
CREATE TABLE vendor_credentials (
  system_id INTEGER PRIMARY KEY REFERENCES systems (id) ON DELETE CASCADE,
  owner_user_id TEXT NOT NULL,
  credentials TEXT NOT NULL,
  state TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
