-- Tariff plans per system or composite (issue #17; lib/tariffs). A plan prices the system's local days from
-- effective_from (YYYY-MM-DD) until the next plan's effective_from, so old days keep the plan they were on.
-- `plan` is the validated plan JSON (lib/tariffs/schema.ts, tariffPlanInputSchema), name and effective_from
-- copied out of it for listing and uniqueness; `version` goes up by one on every edit (optimistic concurrency,
-- and a stored cost can tell that its plan changed).
CREATE TABLE tariff_plans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  system_id INTEGER NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  plan TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (system_id, effective_from)
);
