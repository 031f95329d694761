import "server-only";
import { getCosts } from "@/lib/costs";
import type { CostsResponse } from "@/lib/costs/types";
import { paramsOf, type AlertRule } from "./rules";

/** The net cost of the current day or month so far; netCents null when unknown (never counted as 0). */
export interface NetSoFar {
  key: string;
  netCents: number | null;
  currency: string;
}

type CostsReader = (req: { systemId: number; period: "day" | "month"; nowMs: number }) => Promise<CostsResponse>;

/** Systems priced at once (each is a costs read of its own: only systems with a budget rule pay it). */
const CONCURRENCY = 8;

/**
 * The net cost so far of the current day or month of each (system, period) the given budget rules watch, through
 * lib/costs' public getCosts. A system whose costs cannot be read (no tariff, an error) has none: not judged.
 */
export async function netsSoFar(
  rules: Array<Pick<AlertRule, "systemId" | "kind" | "params">>,
  nowMs: number,
  read: CostsReader = getCosts,
): Promise<Map<string, NetSoFar>> {
  const wanted = new Map<string, { systemId: number; period: "day" | "month" }>();
  for (const r of rules) {
    const p = paramsOf({ kind: "cost_over_budget", params: r.params });
    if (p) wanted.set(`${r.systemId}:${p.period}`, { systemId: r.systemId, period: p.period });
  }
  const out = new Map<string, NetSoFar>();
  const items = [...wanted.entries()];
  for (let i = 0; i < items.length; i += CONCURRENCY) {
    await Promise.all(
      items.slice(i, i + CONCURRENCY).map(async ([key, w]) => {
        try {
          const res = await read({ systemId: w.systemId, period: w.period, nowMs });
          const row = res.rows.find((r) => r.inProgress) ?? res.rows[res.rows.length - 1];
          if (row) out.set(key, { key: row.key, netCents: row.netCents, currency: res.currency });
        } catch {
          // Not judged this run (no tariff yet, a removed system): unknown never fires.
        }
      }),
    );
  }
  return out;
}

const money = (cents: number) => (cents / 100).toFixed(2);

/** Over budget when the net so far is known and above the budget; null (not judged) when unknown. */
export function costVerdict(
  rule: Pick<AlertRule, "kind" | "params" | "systemId">,
  displayName: string,
  nets: Map<string, NetSoFar>,
) {
  const p = paramsOf({ kind: "cost_over_budget", params: rule.params });
  if (!p) return null;
  const net = nets.get(`${rule.systemId}:${p.period}`);
  if (!net || net.netCents === null || !Number.isFinite(net.netCents)) return null;
  const span = p.period === "day" ? `today (${net.key})` : `this month (${net.key})`;
  return {
    holds: net.netCents > p.budgetCents,
    title: `${displayName}: cost over budget`,
    message: `Net cost ${span} so far ${money(net.netCents)} ${net.currency}, budget ${money(p.budgetCents)} ${net.currency}`,
    details: { period: p.period, key: net.key, netCents: Math.round(net.netCents), budgetCents: p.budgetCents },
  };
}
