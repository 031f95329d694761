-- Charging sessions of an EV load point or a vehicle (issue #19; lib/ev). One row per session, keyed by the
-- charger (the load point's path head, e.g. "load.ev", or "vehicle" for a session only the vehicle reports) and
-- the start of its first 5-minute interval. `day` is the system's local day the session starts on: a day's
-- sessions are deleted and written again together when the day is recomputed, so replays never double.
-- Energies Wh, power W, money cents, emissions g CO2-e, times ms UTC; NULL is unknown, never 0.
CREATE TABLE charging_sessions (
  system_id INTEGER NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
  charger_key TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  day TEXT NOT NULL,
  charger_name TEXT NOT NULL,
  -- "charger" (the home's EV load point measured it) or "vehicle" (only the vehicle's points saw it)
  source TEXT NOT NULL,
  ongoing INTEGER NOT NULL,
  energy_wh REAL,
  peak_w REAL,
  -- "ac", "dc" or NULL (not known)
  charger_kind TEXT,
  -- "home", "away" or "unknown"
  location TEXT NOT NULL,
  distance_m REAL,
  solar_wh REAL,
  battery_wh REAL,
  grid_wh REAL,
  unattributed_wh REAL,
  solar_share_pct REAL,
  cost_cents REAL,
  emissions_g REAL,
  battery_start_pct REAL,
  battery_end_pct REAL,
  -- JSON: provenance of energy and supply split, and one-line notes (why a figure is unknown)
  detail TEXT NOT NULL,
  computed_at INTEGER NOT NULL,
  PRIMARY KEY (system_id, charger_key, start_ms)
) WITHOUT ROWID;
CREATE INDEX charging_sessions_day ON charging_sessions (system_id, day);
-- The local days whose sessions are stored (a day without sessions is stored too: reads need not compute it again).
CREATE TABLE charging_session_days (
  system_id INTEGER NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  computed_at INTEGER NOT NULL,
  PRIMARY KEY (system_id, day)
) WITHOUT ROWID;
