import { formatValue } from "@/lib/format";
import type { CostTotals } from "./use-cost";

/** Cost rows of the energy table: what grid energy cost, what feed-in earned, and the net. */
export function CostRows({ cost }: { cost: CostTotals }) {
  const rows: Array<[string, string, number | null, string]> = [
    ["energy-cost-bought", "Grid energy cost", cost.bought, "What the energy bought from the grid cost"],
    [
      "energy-cost-exported",
      cost.exported !== null && cost.exported > 0 ? "Paid to export (negative prices)" : "Feed-in credit",
      cost.exported,
      "What energy sent to the grid earned (negative) or cost when prices were below zero (positive)",
    ],
    ["energy-cost-net", "Net cost", cost.net, "What the period cost overall"],
  ];
  return (
    <>
      {rows
        .filter(([, , v]) => v !== null)
        .map(([testId, label, v, hint]) => (
          <tr key={testId}>
            <th scope="row" className="py-2 text-left font-normal text-muted-foreground" title={hint}>
              {label}
            </th>
            <td data-testid={testId} data-cents={v!} className="py-2 text-right font-medium tabular-nums">
              {formatValue(v, "c")}
            </td>
          </tr>
        ))}
    </>
  );
}
