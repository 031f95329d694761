import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/lib/tariffs/money";
import type { EvMonthSummary } from "@/lib/ev/types";
import { formatEmissions, formatEnergy, formatPercent } from "./format";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthLabel = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

/** Monthly EV summary: sessions, energy, solar share, cost and emissions per month ("—" when unknown). */
export function EvMonthSummaryTable({ months }: { months: EvMonthSummary[] }) {
  if (!months.length) return null;
  return (
    <Table data-testid="ev-month-summary">
      <caption className="sr-only">Charging per month</caption>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Month</TableHead>
          <TableHead scope="col" className="text-right">
            Sessions
          </TableHead>
          <TableHead scope="col" className="text-right">
            Energy
          </TableHead>
          <TableHead scope="col" className="text-right">
            Solar
          </TableHead>
          <TableHead scope="col" className="text-right">
            Cost
          </TableHead>
          <TableHead scope="col" className="text-right">
            Emissions
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {months.map((m) => (
          <TableRow key={m.month}>
            <TableHead scope="row" className="text-foreground">
              {monthLabel(m.month)}
            </TableHead>
            <TableCell className="text-right tabular-nums">{m.sessions}</TableCell>
            <TableCell className="text-right tabular-nums">{formatEnergy(m.energyWh)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatPercent(m.solarSharePct)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatMoney(m.costCents)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatEmissions(m.emissionsG)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
