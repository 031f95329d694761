import type { AccountFlow, AccountsCore, EnergyAccountsResponse } from "@/lib/accounts/types";
import { balanceOf, PROVENANCE_NOTES, tableLines, type TableLine } from "@/lib/dashboard/accounts-view";
import { formatEnergy } from "@/lib/format";
import type { CostTotals } from "./use-cost";
import { CostRows } from "./energy-cost";

const DOT: Record<AccountFlow, string> = {
  solar: "bg-solar",
  load: "bg-load",
  gridImport: "bg-grid",
  gridExport: "bg-grid",
  batteryCharge: "bg-battery",
  batteryDischarge: "bg-battery",
};

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v)} %`);

function FlowRow({ line }: { line: TableLine }) {
  const note = PROVENANCE_NOTES[line.provenance];
  return (
    <tr>
      <th scope="row" className="py-2 text-left font-normal text-muted-foreground">
        <span aria-hidden="true" className={`mr-2 inline-block size-2 rounded-full ${DOT[line.flow]}`} />
        {line.label}
        {line.wh === null && line.reason && (
          <span className="block pl-4 text-xs" data-testid={`energy-${line.flow}-reason`}>
            {line.reason}
          </span>
        )}
      </th>
      <td
        data-testid={`energy-${line.flow}`}
        data-wh={line.wh ?? ""}
        data-value={line.wh ?? ""}
        data-provenance={line.provenance}
        className="py-2 text-right align-top font-medium tabular-nums"
      >
        {line.wh === null ? <span title={line.reason ?? undefined}>—</span> : formatEnergy(line.wh)}
        {note && line.wh !== null && <sup aria-label={note.text}>{note.mark}</sup>}
      </td>
    </tr>
  );
}

function RatioRow({
  testId,
  label,
  hint,
  value,
  reason,
}: {
  testId: string;
  label: string;
  hint: string;
  value: number | null;
  reason?: string;
}) {
  return (
    <tr>
      <th scope="row" className="py-2 text-left font-normal text-muted-foreground" title={hint}>
        {label}
        {value === null && reason && <span className="block text-xs">{reason}</span>}
      </th>
      <td data-testid={testId} data-pct={value ?? ""} className="py-2 text-right align-top font-medium tabular-nums">
        {pct(value)}
      </td>
    </tr>
  );
}

/**
 * The period's energy per flow exactly as the server's accounts give it: kWh, or "—" with the reason for a flow the
 * system cannot know; the sub-loads it measures; self-consumption and self-sufficiency only when the server could
 * work them out; footnotes for figures not measured directly; cost when the system reports it.
 */
export function EnergyTable({
  total,
  capabilities,
  cost,
}: {
  total: AccountsCore;
  capabilities?: EnergyAccountsResponse["capabilities"];
  cost?: CostTotals | null;
}) {
  const lines = tableLines(total, capabilities ? { capabilities } : undefined);
  const notes = [...new Set(lines.filter((l) => l.wh !== null).map((l) => l.provenance))]
    .map((p) => PROVENANCE_NOTES[p])
    .filter((n) => n !== undefined);
  const balance = balanceOf(total);
  return (
    <div className="space-y-3 p-2">
      <table className="w-full text-sm">
        <caption className="sr-only">Energy per flow for the period</caption>
        <tbody className="divide-y">
          {lines.map((line) => (
            <FlowRow key={line.flow} line={line} />
          ))}
          {total.loads.map((l) => (
            <tr key={l.key}>
              <th scope="row" className="py-1.5 pl-4 text-left text-xs font-normal text-muted-foreground">
                of which {l.name}
              </th>
              <td
                data-testid={`energy-load-${l.key}`}
                data-wh={l.flow.wh ?? ""}
                className="py-1.5 text-right text-xs tabular-nums"
              >
                {formatEnergy(l.flow.wh)}
              </td>
            </tr>
          ))}
          <RatioRow
            testId="energy-self-consumption"
            label="Self-consumption"
            hint="Share of solar used at home or stored, not exported"
            value={total.selfConsumptionPct}
            reason={total.selfConsumptionReason}
          />
          <RatioRow
            testId="energy-self-sufficiency"
            label="Self-sufficiency"
            hint="Share of the home's energy that did not come from the grid"
            value={total.selfSufficiencyPct}
            reason={total.selfSufficiencyReason}
          />
          {cost && <CostRows cost={cost} />}
        </tbody>
      </table>
      <div className="space-y-1 text-xs text-muted-foreground">
        {balance && (
          <p data-testid="energy-balance" data-in={balance.in} data-out={balance.out}>
            In {formatEnergy(balance.in)} · out {formatEnergy(balance.out)}
          </p>
        )}
        {notes.map((n) => (
          <p key={n.mark}>
            {n.mark} {n.text}
          </p>
        ))}
      </div>
    </div>
  );
}
