import type { AccountFlow } from "@/lib/accounts/types";
import { presentFlows, type BarRow } from "@/lib/dashboard/accounts-view";
import type { CsvCell } from "@/lib/format";
import { FLOW_COLORS } from "./chart-theme";

/** The bars in drawing order: three sources stacked left, three destinations stacked right. */
export const BARS: Array<{ flow: AccountFlow; label: string; color: string; stack: "in" | "out"; opacity: number }> = [
  { flow: "solar", label: "Solar", color: FLOW_COLORS.solar, stack: "in", opacity: 0.9 },
  { flow: "batteryDischarge", label: "Battery discharge", color: FLOW_COLORS.battery, stack: "in", opacity: 0.9 },
  { flow: "gridImport", label: "Grid import", color: FLOW_COLORS.grid, stack: "in", opacity: 0.9 },
  { flow: "load", label: "Home", color: FLOW_COLORS.load, stack: "out", opacity: 0.75 },
  { flow: "batteryCharge", label: "Battery charge", color: "hsl(var(--battery) / 0.45)", stack: "out", opacity: 1 },
  { flow: "gridExport", label: "Grid export", color: "hsl(var(--grid) / 0.45)", stack: "out", opacity: 1 },
];

const COLUMNS: Record<AccountFlow, string> = {
  solar: "solar (Wh)",
  load: "load (Wh)",
  gridImport: "grid import (Wh)",
  gridExport: "grid export (Wh)",
  batteryCharge: "battery charge (Wh)",
  batteryDischarge: "battery discharge (Wh)",
};

/**
 * CSV of the bars as drawn: the span (hour, day, month or year), one Wh column per flow with a value somewhere
 * (empty cells: unknown), and notes for spans still running, spread across a gap or not measured directly.
 */
export function energyBarsCsv(
  rows: BarRow[],
  unit: "hour" | "day" | "month" | "year",
): { header: string[]; rows: CsvCell[][] } {
  const flows = presentFlows(rows);
  return {
    header: [unit, ...flows.map((f) => COLUMNS[f]), "note"],
    rows: rows.map((r) => [
      unit === "hour" ? r.title : r.key,
      ...flows.map((f) => (r[f] === null ? null : Math.round(r[f]! * 1000))),
      [
        r.inProgress ? "so far" : "",
        r.interpolated.length ? `spread across a gap: ${r.interpolated.join(" ")}` : "",
        r.estimated.length ? `not measured directly: ${r.estimated.join(" ")}` : "",
      ]
        .filter(Boolean)
        .join("; "),
    ]),
  };
}
