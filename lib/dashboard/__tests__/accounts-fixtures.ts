import type {
  AccountFlow,
  AccountsRow,
  Attribution,
  Capabilities,
  EnergyAccountsResponse,
  FlowValue,
  IntervalAccount,
  Provenance,
} from "@/lib/accounts/types";
import { ACCOUNT_FLOWS, ATTRIBUTION_LINKS } from "@/lib/accounts/types";

/** Flows from Wh numbers (null: unknown with a reason), all measured unless `provenance` says otherwise. */
export function flowsOf(
  wh: Partial<Record<AccountFlow, number | null>>,
  provenance: Partial<Record<AccountFlow, Provenance>> = {},
): Record<AccountFlow, FlowValue> {
  const out = {} as Record<AccountFlow, FlowValue>;
  for (const f of ACCOUNT_FLOWS) {
    const v = wh[f];
    out[f] =
      v === null || v === undefined
        ? { wh: null, provenance: "unknown", reason: `no ${f} here` }
        : { wh: v, provenance: provenance[f] ?? "measured" };
  }
  return out;
}

export function attributionOf(a: Partial<Attribution>): Attribution {
  const out = {} as Attribution;
  for (const k of ATTRIBUTION_LINKS) out[k] = a[k] === undefined ? 0 : a[k]!;
  return out;
}

export function rowOf(
  period: AccountsRow["period"],
  key: string,
  startMs: number,
  flows: Record<AccountFlow, FlowValue>,
  extra: Partial<AccountsRow> = {},
): AccountsRow {
  return {
    period,
    key,
    startMs,
    endMs: startMs + 86_400_000,
    flows,
    attribution: attributionOf({}),
    selfConsumptionPct: null,
    selfSufficiencyPct: null,
    loads: [],
    coverage: { intervals: 288, withData: 288, flows: {} as Record<AccountFlow, number> },
    complete: true,
    inProgress: false,
    ...extra,
  };
}

export function intervalOf(startMs: number, flows: Record<AccountFlow, FlowValue>): IntervalAccount {
  return {
    startMs,
    endMs: startMs + 300_000,
    day: "2025-06-15",
    flows,
    attribution: attributionOf({}),
    selfConsumptionPct: null,
    selfSufficiencyPct: null,
    loads: [],
  };
}

export function capabilitiesOf(reasons: Partial<Record<AccountFlow, string>> = {}): Capabilities {
  const out = {} as Capabilities;
  for (const f of ACCOUNT_FLOWS) {
    out[f] = reasons[f] ? { source: "none", pointIds: [], reason: reasons[f] } : { source: "counter", pointIds: [1] };
  }
  return out;
}

export function responseOf(rows: AccountsRow[], total: AccountsRow, extra: Partial<EnergyAccountsResponse> = {}) {
  return {
    systemId: 1,
    displayTimezone: "Australia/Melbourne",
    period: total.period,
    from: "2025-06-14",
    to: "2025-06-15",
    capabilities: capabilitiesOf(),
    rows,
    total,
    ...extra,
  } satisfies EnergyAccountsResponse;
}
