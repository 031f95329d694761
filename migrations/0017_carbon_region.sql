-- Carbon (issue #17): a system's grid region for emission factors (lib/carbon CARBON_REGIONS), chosen in settings;
-- NULL = automatic (the latest plan's public-holiday state, else the system's metadata state, else its time zone,
-- else the national average).
ALTER TABLE systems ADD COLUMN carbon_region TEXT;

-- The factor (kg CO2-e/kWh) a stored cost day's import_g and avoided_g were computed with: both are linear in it,
-- so a read rescales them to the system's current region instead of pricing the day again. NULL on rows written
-- before this column: they used the automatic region of the plans of the time.
ALTER TABLE costs_daily ADD COLUMN carbon_kg_per_kwh REAL;
