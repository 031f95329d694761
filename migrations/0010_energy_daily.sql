-- Energy accounts per system and local day (issue #16; lib/accounts). Written by the daily job and its catch-up,
-- recomputed by regenerate; month/year/lifetime add them up. The flat columns are the day's sums (Wh over the
-- intervals where each flow is known, NULL when it is known in none); `totals` is the same day as the additive
-- flat JSON array the roll-ups read (lib/accounts/totals.ts packTotals: known-interval counts, Wh by provenance,
-- extra loads), so a month is a sum of its days.
CREATE TABLE energy_daily (
  system_id INTEGER NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  solar_wh REAL,
  load_wh REAL,
  battery_charge_wh REAL,
  battery_discharge_wh REAL,
  grid_import_wh REAL,
  grid_export_wh REAL,
  solar_to_home_wh REAL,
  solar_to_battery_wh REAL,
  solar_to_grid_wh REAL,
  battery_to_home_wh REAL,
  battery_to_grid_wh REAL,
  grid_to_home_wh REAL,
  grid_to_battery_wh REAL,
  self_consumption_pct REAL,
  self_sufficiency_pct REAL,
  -- {"solar":"measured",…} per flow
  provenance TEXT NOT NULL,
  intervals INTEGER NOT NULL,
  with_data INTEGER NOT NULL,
  complete INTEGER NOT NULL,
  totals TEXT NOT NULL,
  computed_at INTEGER NOT NULL,
  PRIMARY KEY (system_id, day)
) WITHOUT ROWID;
