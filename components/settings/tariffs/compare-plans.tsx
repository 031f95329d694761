"use client";

import { useEffect, useState } from "react";
import { apiJson } from "@/components/setup/api-client";
import { FormError } from "@/components/setup/form-error";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { PlanComparison, PlanComparisonResponse } from "@/lib/costs/types";
import { formatMoney } from "@/lib/tariffs/money";

const MONTHS = [1, 3, 6, 12, 24];

/** "+$1.23" / "−$1.23" against the current plan; "—" when unknown. */
function difference(cents: number | null, currency: string): string {
  if (cents === null) return "—";
  const text = formatMoney(Math.abs(cents), currency);
  return Math.round(cents) === 0 ? text : `${cents > 0 ? "+" : "−"}${text}`;
}

function Row({ p, currency }: { p: PlanComparison; currency: string }) {
  const money = (c: number | null) => formatMoney(c, currency);
  return (
    <tr className="border-t" data-testid="compare-plan" data-net-cents={p.netCents ?? ""}>
      <th scope="row" className="py-1.5 pr-3 text-left font-medium">
        {p.name}
        {p.current && <span className="ml-1 text-xs text-muted-foreground">(current)</span>}
        {p.incompleteDays > 0 && (
          <span className="block text-xs font-normal text-muted-foreground" data-testid="compare-incomplete">
            {p.incompleteDays} day{p.incompleteDays > 1 ? "s" : ""} with unknown energy or prices: total unknown
          </span>
        )}
      </th>
      <td className="px-2 text-right tabular-nums">{money(p.supplyCents)}</td>
      <td className="px-2 text-right tabular-nums">{money(p.importCents)}</td>
      <td className="px-2 text-right tabular-nums">{money(p.exportCents)}</td>
      <td className="px-2 text-right tabular-nums">
        {money(p.controlledLoadCents === null || p.demandCents === null ? null : p.controlledLoadCents + p.demandCents)}
      </td>
      <td className="px-2 text-right font-medium tabular-nums">{money(p.netCents)}</td>
      <td className="pl-2 text-right tabular-nums" data-testid="compare-difference">
        {p.current ? "—" : difference(p.differenceCents, currency)}
      </td>
    </tr>
  );
}

/**
 * Compare plans: what each saved plan (and a dynamic-price retailer at its stored prices) would have cost over the last months on this
 * system's own 5-minute intervals, with the difference from the current plan. Unknown totals show "—", never $0.00.
 */
export function ComparePlans({ systemId }: { systemId: number }) {
  const [months, setMonths] = useState(3);
  const [data, setData] = useState<PlanComparisonResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    apiJson<PlanComparisonResponse>(`/api/systems/${systemId}/costs/compare?months=${months}`).then(
      (d) => live && setData(d),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [systemId, months]);

  return (
    <section aria-label="Compare plans" className="space-y-3" data-testid="compare-plans">
      <Field id="compare-months" label="Compare over the last" className="w-full sm:w-48">
        <Select id="compare-months" value={String(months)} onChange={(e) => setMonths(Number(e.target.value))}>
          {MONTHS.map((m) => (
            <option key={m} value={m}>
              {m} month{m > 1 ? "s" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <FormError error={error} />
      {!data && !error && <p className="text-sm text-muted-foreground">Pricing each plan…</p>}
      {data && (
        <>
          <p className="text-sm text-muted-foreground" data-testid="compare-span">
            {data.from} to {data.to}
          </p>
          {data.plans.length > 0 && (
            // Wider than a phone: the scrolled region takes focus, so a keyboard can scroll it too.
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Plan comparison table">
              <table className="w-full text-sm">
                <caption className="sr-only">Each plan&apos;s cost over the span</caption>
                <thead>
                  <tr className="text-xs text-muted-foreground">
                    <th scope="col" className="pb-1 text-left font-normal">
                      Plan
                    </th>
                    <th scope="col" className="px-2 pb-1 text-right font-normal">
                      Supply
                    </th>
                    <th scope="col" className="px-2 pb-1 text-right font-normal">
                      Import
                    </th>
                    <th scope="col" className="px-2 pb-1 text-right font-normal">
                      Export credit
                    </th>
                    <th scope="col" className="px-2 pb-1 text-right font-normal">
                      Controlled load, demand
                    </th>
                    <th scope="col" className="px-2 pb-1 text-right font-normal">
                      Net
                    </th>
                    <th scope="col" className="pl-2 pb-1 text-right font-normal">
                      vs current
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.plans.map((p) => (
                    <Row key={p.planId ?? "stored-prices"} p={p} currency={data.currency} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.warnings.length > 0 && (
            <ul className="space-y-0.5 text-xs text-muted-foreground">
              {data.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          {data.priceSeries && !data.priceSeries.own && (
            <p className="text-xs text-muted-foreground" data-testid="compare-price-source">
              The {data.priceSeries.vendorName} row uses the prices stored for your system #{data.priceSeries.systemId}.
            </p>
          )}
          <p className="text-xs text-muted-foreground">{data.method}</p>
        </>
      )}
    </section>
  );
}
