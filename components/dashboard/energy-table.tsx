import {
  FLOW_LABELS,
  FLOWS,
  selfConsumption,
  selfSufficiency,
  type EnergyTotals,
  type Flow,
  type FlowLinks,
} from "@/lib/energy";
import { formatEnergy } from "@/lib/format";

const DOT: Record<Flow, string> = {
  solar: "bg-solar",
  load: "bg-load",
  gridImport: "bg-grid",
  gridExport: "bg-grid",
  batteryCharge: "bg-battery",
  batteryDischarge: "bg-battery",
};

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v)} %`);

/** kWh per flow for the period, then self-consumption and self-sufficiency; footnotes say what is estimated. */
export function EnergyTable({
  summary,
  links,
}: {
  summary: { totals: EnergyTotals; incomplete: Flow[]; estimated: Flow[] };
  links: FlowLinks;
}) {
  const flows = FLOWS.filter((f) => summary.totals[f] !== null);
  const consumption = selfConsumption(links);
  const sufficiency = selfSufficiency(links);
  return (
    <div className="space-y-3 p-2">
      <table className="w-full text-sm">
        <caption className="sr-only">Energy per flow for the period</caption>
        <tbody className="divide-y">
          {flows.map((f) => (
            <tr key={f}>
              <th scope="row" className="py-2 text-left font-normal text-muted-foreground">
                <span aria-hidden="true" className={`mr-2 inline-block size-2 rounded-full ${DOT[f]}`} />
                {FLOW_LABELS[f]}
              </th>
              <td
                data-testid={`energy-${f}`}
                data-value={summary.totals[f]!}
                className="py-2 text-right font-medium tabular-nums"
              >
                {formatEnergy(summary.totals[f])}
                {summary.estimated.includes(f) && <sup aria-label="estimated">*</sup>}
                {summary.incomplete.includes(f) && <sup aria-label="some days missing">†</sup>}
              </td>
            </tr>
          ))}
          <tr>
            <th
              scope="row"
              className="py-2 text-left font-normal text-muted-foreground"
              title="Share of solar used at home or stored, not exported"
            >
              Self-consumption
            </th>
            <td data-testid="energy-self-consumption" className="py-2 text-right font-medium tabular-nums">
              {pct(consumption)}
            </td>
          </tr>
          <tr>
            <th
              scope="row"
              className="py-2 text-left font-normal text-muted-foreground"
              title="Share of the home's energy that did not come from the grid"
            >
              Self-sufficiency
            </th>
            <td data-testid="energy-self-sufficiency" className="py-2 text-right font-medium tabular-nums">
              {pct(sufficiency)}
            </td>
          </tr>
        </tbody>
      </table>
      {(summary.estimated.length > 0 || summary.incomplete.length > 0) && (
        <div className="space-y-1 text-xs text-muted-foreground">
          {summary.estimated.length > 0 && <p>* Estimated from average power (no energy counter for some days).</p>}
          {summary.incomplete.length > 0 && <p>† Some days of the period have no data for this flow.</p>}
        </div>
      )}
    </div>
  );
}
