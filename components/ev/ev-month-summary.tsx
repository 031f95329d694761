import { formatMoney } from "@/lib/tariffs/money";
import type { EvMonthSummary } from "@/lib/ev/types";
import { EvTable, type EvColumn } from "./ev-table";
import { formatDistance, formatEmissions, formatEnergy, formatPercent } from "./format";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthLabel = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

const COLUMNS: EvColumn<EvMonthSummary>[] = [
  { label: "Month", rowHeader: true, cell: (m) => monthLabel(m.month) },
  { label: "Sessions", numeric: true, cell: (m) => m.sessions },
  { label: "Energy", numeric: true, cell: (m) => formatEnergy(m.energyWh) },
  { label: "Solar", numeric: true, cell: (m) => formatPercent(m.solarSharePct) },
  { label: "Cost", numeric: true, cell: (m) => formatMoney(m.costCents) },
  { label: "Emissions", numeric: true, cell: (m) => formatEmissions(m.emissionsG) },
  { label: "Driven", numeric: true, cell: (m) => formatDistance(m.kmDriven) },
  { label: "Cost per 100 km", numeric: true, cell: (m) => formatMoney(m.costPer100KmCents) },
];

/**
 * Monthly EV summary: sessions, energy, solar share, cost, emissions, km driven and cost per 100 km per month
 * ("—" when unknown).
 */
export function EvMonthSummaryTable({ months }: { months: EvMonthSummary[] }) {
  if (!months.length) return null;
  return (
    <EvTable
      caption="Charging per month"
      columns={COLUMNS}
      rows={months}
      rowKey={(m) => m.month}
      testId="ev-month-summary"
    />
  );
}
