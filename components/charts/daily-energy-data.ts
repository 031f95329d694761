import type { DayEnergy, Flow } from "@/lib/energy";
import { FLOWS } from "@/lib/energy/types";
import type { CsvCell } from "@/lib/format";

/** One bar group: a local day with kWh per flow (null: not measured that day). */
export type DailyBarRow = { day: string; t: number; partial: boolean; estimated: Flow[] } & Record<Flow, number | null>;

/** Bars in kWh (easier to read on an axis than Wh), one row per day in order. */
export function dailyBarRows(days: DayEnergy[]): DailyBarRow[] {
  return days.map((d) => {
    const row = { day: d.day, t: d.startMs, partial: d.partial, estimated: d.estimated } as DailyBarRow;
    for (const f of FLOWS) row[f] = d.totals[f] === null ? null : d.totals[f]! / 1000;
    return row;
  });
}

/** Flows that have a value on at least one day (the bars to draw). */
export function presentFlows(days: DayEnergy[]): Flow[] {
  return FLOWS.filter((f) => days.some((d) => d.totals[f] !== null));
}

const COLUMNS: Record<Flow, string> = {
  solar: "solar (Wh)",
  load: "load (Wh)",
  gridImport: "grid import (Wh)",
  gridExport: "grid export (Wh)",
  batteryCharge: "battery charge (Wh)",
  batteryDischarge: "battery discharge (Wh)",
};

/** CSV of daily energy: local day, one Wh column per measured flow, and notes for partial or estimated days. */
export function dailyEnergyCsv(days: DayEnergy[]): { header: string[]; rows: CsvCell[][] } {
  const flows = presentFlows(days);
  return {
    header: ["day", ...flows.map((f) => COLUMNS[f]), "note"],
    rows: days.map((d) => [
      d.day,
      ...flows.map((f) => (d.totals[f] === null ? null : Math.round(d.totals[f]!))),
      [d.partial ? "so far today" : "", d.estimated.length ? `estimated from power: ${d.estimated.join(" ")}` : ""]
        .filter(Boolean)
        .join("; "),
    ]),
  };
}
