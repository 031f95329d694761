import { stringify } from "csv-stringify/sync";
import { ACCOUNT_FLOWS, ATTRIBUTION_LINKS, type AccountsCore, type EnergyAccountsResponse } from "./types";

type Span = AccountsCore & { startMs: number; endMs: number; key?: string; day?: string; coverage?: unknown };

/** One CSV line per row (or per interval with intervals=1): Wh per flow and its provenance, links, percentages. */
export function accountsCsv(res: EnergyAccountsResponse): string {
  const spans: Span[] = res.intervals ?? res.rows;
  const header = [
    "period",
    "key",
    "start_utc",
    "end_utc",
    ...ACCOUNT_FLOWS.flatMap((f) => [`${f}_wh`, `${f}_provenance`]),
    ...ATTRIBUTION_LINKS.map((k) => `${k}_wh`),
    "self_consumption_pct",
    "self_sufficiency_pct",
    "complete",
  ];
  const lines = spans.map((s) => {
    const row = res.intervals ? undefined : (s as EnergyAccountsResponse["rows"][number]);
    return [
      res.intervals ? "interval" : res.period,
      row?.key ?? new Date(s.endMs).toISOString(),
      new Date(s.startMs).toISOString(),
      new Date(s.endMs).toISOString(),
      ...ACCOUNT_FLOWS.flatMap((f) => [s.flows[f].wh, s.flows[f].provenance]),
      ...ATTRIBUTION_LINKS.map((k) => s.attribution[k]),
      s.selfConsumptionPct,
      s.selfSufficiencyPct,
      row ? String(row.complete) : "",
    ];
  });
  // Empty cells for unknown values (never 0).
  return stringify([header, ...lines], { record_delimiter: "\r\n", cast: { number: (v) => String(v) } });
}
