import "server-only";
import { loadCompositeSystem, resolveComposite } from "@/lib/composite/resolve";
import { INTERVAL_MS } from "./channels";
import { attribute, emptyLedger, markData, type Ledger } from "./ledger";
import { sliceLedger, systemLedger, type LedgerWindow } from "./system-ledger";
import { ACCOUNT_FLOWS, type AccountFlow, type Capabilities, type CompositeAccountsInfo } from "./types";
import { endedBy } from "@/lib/aggregation/close-intervals";

/** The composite category a flow belongs to. */
const CATEGORY: Record<AccountFlow, string> = {
  solar: "solar",
  load: "load",
  gridImport: "grid",
  gridExport: "grid",
  batteryCharge: "battery",
  batteryDischarge: "battery",
};
const BALANCE = new Set(Object.values(CATEGORY));

export interface CompositeLedgerWindow extends LedgerWindow {
  info: CompositeAccountsInfo;
}

/**
 * A composite's ledger: per interval, each flow is the sum of that flow in the accounts of the members that map
 * its category (sources in other zones add up per UTC interval, so days follow the composite's zone). A member
 * that shares in the balance (maps any of solar, battery, load, grid) but leaves out a flow it reports makes
 * that flow unknown, and so does a mapped member whose own flow is unknown; the reason names the member.
 */
export async function compositeLedger(
  compositeId: number,
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<CompositeLedgerWindow> {
  const system = await loadCompositeSystem(compositeId);
  const until = Math.max(fromMs, Math.min(toMs, endedBy(nowMs)));
  const grid = { firstEndMs: fromMs + INTERVAL_MS, count: (until - fromMs) / INTERVAL_MS };
  const resolved = system ? await resolveComposite(system) : null;
  const categories = new Map<number, Set<string>>();
  for (const m of resolved?.members ?? []) {
    if (!categories.has(m.systemId)) categories.set(m.systemId, new Set());
    categories.get(m.systemId)!.add(m.category);
  }
  const balanceMembers = [...categories].filter(([, cats]) => [...cats].some((c) => BALANCE.has(c)));
  const members: Array<{ id: number; name: string; cats: Set<string>; ledger: Ledger }> = [];
  for (const [id, cats] of balanceMembers) {
    const name = resolved!.sourceSystems.get(id)?.displayName ?? `System ${id}`;
    members.push({ id, name, cats, ledger: sliceLedger(await systemLedger(id, fromMs, until, nowMs)) });
  }

  const capabilities = {} as Capabilities;
  const reasons: Partial<Record<AccountFlow, string>> = {};
  const notes = new Set<string>();
  const batteryAbsent = members.every((m) => m.ledger.batteryAbsent);
  for (const f of ACCOUNT_FLOWS) {
    const cat = CATEGORY[f];
    const problems: string[] = [];
    const used: Ledger[] = [];
    for (const m of members) {
      const cap = m.ledger.capabilities[f];
      const reports = cap.source !== "none" && cap.source !== "absent";
      if (m.cats.has(cat)) {
        if (reports) used.push(m.ledger);
        else if (cap.source === "none") problems.push(`${m.name}: ${cap.reason}`);
      } else if (reports) {
        problems.push(`${m.name} shares in the balance but its ${cat} is not in this composite`);
      }
    }
    if (f.startsWith("battery") && batteryAbsent) {
      capabilities[f] = { source: "absent", pointIds: [], reason: "no member reports a battery" };
    } else if (problems.length || !used.length) {
      const reason = problems.join("; ") || `no member maps ${cat}`;
      capabilities[f] = { source: "none", pointIds: [], reason };
      reasons[f] = reason;
      problems.forEach((p) => notes.add(p));
    } else {
      capabilities[f] = { source: used[0].capabilities[f].source, pointIds: [] };
    }
  }

  const l = emptyLedger(grid, capabilities, batteryAbsent);
  l.reasons = reasons;
  for (const f of ACCOUNT_FLOWS) {
    if (capabilities[f].source === "none" || capabilities[f].source === "absent") continue;
    const parts = members.filter((m) => m.cats.has(CATEGORY[f]) && m.ledger.capabilities[f].source !== "absent");
    const out = l.flows[f];
    for (let i = 0; i < grid.count; i++) {
      let wh = 0;
      let prov = 0;
      let known = true;
      for (const m of parts) {
        const v = m.ledger.flows[f].wh[i];
        if (Number.isNaN(v)) {
          known = false;
          break;
        }
        wh += v;
        prov = Math.max(prov, m.ledger.flows[f].prov[i]);
      }
      if (known && parts.length) {
        out.wh[i] = wh;
        out.prov[i] = prov;
      }
    }
  }
  for (const m of members.filter((x) => x.cats.has("load"))) {
    for (const x of m.ledger.loads)
      l.loads.push({ key: `${m.id}:${x.key}`, name: `${m.name} · ${x.name}`, series: x.series });
  }
  markData(l);
  attribute(l);
  const info: CompositeAccountsInfo = {
    members: [...categories].map(([id, cats]) => ({
      systemId: id,
      displayName: resolved!.sourceSystems.get(id)?.displayName ?? null,
      categories: [...cats].sort(),
    })),
    notes: [...notes],
  };
  return { ledger: l, lo: 0, hi: grid.count, info };
}
