import { stringify } from "csv-stringify/sync";
import type { ChargingSession } from "./types";

/** One CSV line per session; unknown values are empty cells (never 0). */
export function sessionsCsv(sessions: readonly ChargingSession[]): string {
  const header = [
    "day",
    "start_utc",
    "end_utc",
    "charger",
    "source",
    "ongoing",
    "location",
    "distance_m",
    "energy_wh",
    "peak_w",
    "charger_kind",
    "solar_wh",
    "battery_wh",
    "grid_wh",
    "unattributed_wh",
    "solar_share_pct",
    "cost_cents",
    "emissions_g",
    "battery_start_pct",
    "battery_end_pct",
    "energy_provenance",
    "supply_provenance",
    "note",
  ];
  const lines = sessions.map((s) => [
    s.day,
    new Date(s.startMs).toISOString(),
    new Date(s.endMs).toISOString(),
    s.chargerName,
    s.source,
    String(s.ongoing),
    s.location,
    s.distanceM,
    s.energyWh,
    s.peakW,
    s.chargerKind,
    s.supply.solarWh,
    s.supply.batteryWh,
    s.supply.gridWh,
    s.supply.unattributedWh,
    s.solarSharePct,
    s.costCents,
    s.emissionsG,
    s.batteryStartPct,
    s.batteryEndPct,
    s.detail.energyProvenance,
    s.detail.supplyProvenance,
    [s.detail.shareNote, s.detail.costNote].filter(Boolean).join("; "),
  ]);
  return stringify([header, ...lines], { record_delimiter: "\r\n", cast: { number: (v) => String(v) } });
}
