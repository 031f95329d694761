-- Carbon (issue #17): a system's grid region for emission factors (lib/carbon CARBON_REGIONS), chosen in settings;
-- NULL = automatic (the latest plan's public-holiday state, else the system's metadata state, else its time zone,
-- else the national average).
ALTER TABLE systems ADD COLUMN carbon_region TEXT;

-- The factor (kg CO2-e/kWh) a stored cost day's import_g and avoided_g were computed with: both are linear in it,
-- so a read rescales them to the system's current region instead of pricing the day again. NULL on rows written
-- before this column: they used the automatic region of the plans of the time.
ALTER TABLE costs_daily ADD COLUMN carbon_kg_per_kwh REAL;

-- The costs read checks each stored cost day against its accounts row's computed_at (and lifetime carbon counts the
-- accounts days not priced yet): an index holding it answers from the index alone, without reading each
-- energy_daily row past its JSON totals.
CREATE INDEX energy_daily_computed_at ON energy_daily (system_id, day, computed_at);
