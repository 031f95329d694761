-- Costs per system and local day (issue #17; lib/costs), priced from the same 5-minute intervals as energy_daily
-- with the tariff plan in force that day. Cents stay fractional (REAL); NULL = unknown (an unknown flow, no plan),
-- never 0. A row is valid while its plan_id/plan_version are the day's plan and accounts_computed_at equals the
-- energy_daily row's computed_at: otherwise (plan edited, accounts recomputed) it is priced again on read.
-- Demand charges are settled per billing period on read from each day's peak half-hour import in the demand
-- windows (demand_peak_w), so no stored day depends on later days. The two savings counterfactuals are stored as
-- their net cost without demand (cf_*_cents) and their own demand peaks.
CREATE TABLE costs_daily (
  system_id INTEGER NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  plan_id INTEGER,
  plan_version INTEGER,
  import_cents REAL,
  export_cents REAL,
  supply_cents REAL,
  controlled_load_cents REAL,
  demand_peak_w REAL,
  cf_no_solar_cents REAL,
  cf_no_solar_peak_w REAL,
  cf_solar_only_cents REAL,
  cf_solar_only_peak_w REAL,
  import_g REAL,
  avoided_g REAL,
  intervals INTEGER NOT NULL,
  unknown_intervals INTEGER NOT NULL,
  -- 1 when some of the day's energy was interpolated over a gap or integrated from power
  estimated INTEGER NOT NULL,
  accounts_computed_at INTEGER,
  computed_at INTEGER NOT NULL,
  PRIMARY KEY (system_id, day)
) WITHOUT ROWID;

-- The bill a person entered for a billing period (whole cents as on the bill), to compare with the estimate.
CREATE TABLE bill_actuals (
  system_id INTEGER NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
  period_start TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  entered_by TEXT,
  entered_at INTEGER NOT NULL,
  PRIMARY KEY (system_id, period_start)
) WITHOUT ROWID;
