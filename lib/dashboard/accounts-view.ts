import type {
  AccountFlow,
  AccountsCore,
  AccountsRow,
  Attribution,
  EnergyAccountsResponse,
  FlowValue,
  IntervalAccount,
  Provenance,
  Unaccounted,
} from "@/lib/accounts/types";
import { ACCOUNT_FLOWS } from "@/lib/accounts/types";
import { formatClock, formatShortDate } from "@/lib/format";

/**
 * What the energy panels draw, built only from the server's accounts (GET /api/systems/{id}/energy): the table's
 * totals, the bars' rows and the flow diagram's links all come from one response, so they cannot disagree.
 */

export const FLOW_LABELS: Record<AccountFlow, string> = {
  solar: "Solar generated",
  load: "Home used",
  gridImport: "Bought from grid",
  gridExport: "Sent to grid",
  batteryCharge: "Battery charged",
  batteryDischarge: "Battery discharged",
};

/** Table order: where energy came from, then where it went. */
export const TABLE_FLOWS: readonly AccountFlow[] = [
  "solar",
  "gridImport",
  "batteryDischarge",
  "load",
  "gridExport",
  "batteryCharge",
];
export const IN_FLOWS: readonly AccountFlow[] = ["solar", "gridImport", "batteryDischarge"];
export const OUT_FLOWS: readonly AccountFlow[] = ["load", "gridExport", "batteryCharge"];

/** A provenance worth a footnote (measured needs none). */
export const PROVENANCE_NOTES: Partial<Record<Provenance, { mark: string; text: string }>> = {
  integrated: { mark: "*", text: "From average power (no energy counter for some of the time)." },
  derived: { mark: "=", text: "Worked out from the other flows (in = out), not measured." },
  interpolated: { mark: "~", text: "Includes energy a counter reported after a gap, spread over the gap." },
};

/** One line of the energy table. */
export interface TableLine {
  flow: AccountFlow;
  label: string;
  wh: number | null;
  provenance: Provenance;
  /** Why the value is unknown ("this system reports no grid meter"), or how it was derived. */
  reason: string | null;
}

/** The flows a row's balance cannot vouch for: the least direct provenance wins (see FlowValue.provenance). */
export function interpolatedIn(flow: FlowValue): boolean {
  return flow.provenance === "interpolated" || (flow.parts?.interpolated ?? 0) > 0;
}

/** The table's lines from a span's accounts; unknown flows keep their reason, never a 0. */
export function tableLines(core: AccountsCore, response?: Pick<EnergyAccountsResponse, "capabilities">): TableLine[] {
  return TABLE_FLOWS.map((flow) => {
    const f = core.flows[flow];
    const capReason = response?.capabilities[flow]?.reason;
    return {
      flow,
      label: FLOW_LABELS[flow],
      wh: f.provenance === "unknown" ? null : f.wh,
      provenance: f.wh === null ? "unknown" : f.provenance,
      reason: f.reason ?? (f.wh === null ? (capReason ?? "not reported by this system") : null),
    };
  });
}

/** In and out of a span's balance (Wh), or null when a flow on that side is unknown. */
export function balanceOf(core: AccountsCore): { in: number; out: number } | null {
  const side = (flows: readonly AccountFlow[]) =>
    flows.reduce<number | null>((a, f) => (a === null || core.flows[f].wh === null ? null : a + core.flows[f].wh!), 0);
  const i = side(IN_FLOWS);
  const o = side(OUT_FLOWS);
  return i === null || o === null ? null : { in: i, out: o };
}

/** One bar group: a span (hour, day, month or year) with kWh per flow (null: unknown in that span). */
export type BarRow = {
  key: string;
  /** Axis label ("14:00", "3 Mar", "Mar", "2025"). */
  label: string;
  /** Tooltip heading. */
  title: string;
  startMs: number;
  /** Still running: numbers so far. */
  inProgress: boolean;
  /** Flows with interpolated energy in this span (drawn hatched). */
  interpolated: AccountFlow[];
  /** Flows not measured directly (integrated or derived) in this span. */
  estimated: AccountFlow[];
} & Record<AccountFlow, number | null>;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

type Flows = Record<AccountFlow, FlowValue>;

function barRow(flows: Flows, base: Omit<BarRow, AccountFlow | "interpolated" | "estimated">): BarRow {
  const row = { ...base, interpolated: [], estimated: [] } as unknown as BarRow;
  for (const f of ACCOUNT_FLOWS) {
    const v = flows[f];
    row[f] = v.wh === null ? null : v.wh / 1000;
    if (v.wh !== null && interpolatedIn(v)) row.interpolated.push(f);
    if (v.wh !== null && (v.provenance === "integrated" || v.provenance === "derived")) row.estimated.push(f);
  }
  return row;
}

/** Rows of a period response: one per day, month or year. */
export function periodBarRows(rows: AccountsRow[], zone: string): BarRow[] {
  return rows.map((r) => {
    let label = r.key;
    let title = r.key;
    if (r.period === "day") {
      label = formatShortDate(r.startMs, zone);
      title = label;
    } else if (r.period === "month") {
      label = MONTHS[Number(r.key.slice(5, 7)) - 1] ?? r.key;
      title = `${label} ${r.key.slice(0, 4)}`;
    }
    return barRow(r.flows, { key: r.key, label, title, startMs: r.startMs, inProgress: r.inProgress });
  });
}

/** Sums intervals' flows (a flow is null in an hour only when unknown in all of it). */
function sumFlows(items: IntervalAccount[]): Flows {
  const flows = {} as Flows;
  for (const f of ACCOUNT_FLOWS) {
    const known = items.map((i) => i.flows[f]).filter((v) => v.wh !== null);
    const interpolated = known.some(interpolatedIn);
    const estimated = known.find((v) => v.provenance === "integrated" || v.provenance === "derived");
    flows[f] = known.length
      ? {
          wh: known.reduce((a, v) => a + v.wh!, 0),
          provenance: interpolated ? "interpolated" : (estimated?.provenance ?? "measured"),
        }
      : { wh: null, provenance: "unknown" };
  }
  return flows;
}

/**
 * A day's 5-minute accounts as hourly bars (local hours; a 25-hour day has two bars for the repeated hour). While
 * the day runs, the server's day row also holds the running 5 minutes that no ended interval has yet: `dayFlows`
 * (that row's flows) puts them on the last bar, so the bars add up to the table.
 */
export function hourBarRows(
  intervals: IntervalAccount[],
  zone: string,
  inProgress: boolean,
  dayFlows?: Record<AccountFlow, FlowValue>,
): BarRow[] {
  const groups: IntervalAccount[][] = [];
  let current = "";
  for (const i of intervals) {
    const hour = formatClock(i.startMs, zone).slice(0, 2);
    if (hour !== current || !groups.length) groups.push([]);
    current = hour;
    groups[groups.length - 1].push(i);
  }
  const rows = groups.map((g, n) => {
    const label = `${formatClock(g[0].startMs, zone).slice(0, 2)}:00`;
    return barRow(sumFlows(g), {
      key: `${g[0].day}T${label}#${n}`,
      label,
      title: `${label}–${formatClock(g[g.length - 1].endMs, zone)}`,
      startMs: g[0].startMs,
      inProgress: inProgress && n === groups.length - 1,
    });
  });
  const last = rows[rows.length - 1];
  if (inProgress && dayFlows && last) {
    const ended = barTotals(rows);
    for (const f of ACCOUNT_FLOWS) {
      const day = dayFlows[f].wh;
      const running = day === null ? 0 : day - (ended[f] ?? 0);
      if (running > 0) last[f] = (last[f] ?? 0) + running / 1000;
    }
    last.title += " and the running 5 minutes";
  }
  return rows;
}

/** Flows with a value in at least one row (the bars to draw). */
export function presentFlows(rows: BarRow[]): AccountFlow[] {
  return ACCOUNT_FLOWS.filter((f) => rows.some((r) => r[f] !== null));
}

/** The bars' totals per flow in Wh (the same rows the chart draws), null when no row has the flow. */
export function barTotals(rows: BarRow[]): Record<AccountFlow, number | null> {
  const out = {} as Record<AccountFlow, number | null>;
  for (const f of ACCOUNT_FLOWS) {
    const known = rows.filter((r) => r[f] !== null);
    out[f] = known.length ? known.reduce((a, r) => a + r[f]! * 1000, 0) : null;
  }
  return out;
}

export interface SankeyNodeDatum {
  name: string;
  kind: "solar" | "grid" | "battery" | "home" | "unaccounted";
  /** The account flow the node stands for (its total is that flow's Wh when every link is known); none for the
   * meters' imbalance. */
  flow?: AccountFlow;
}

export interface SankeyGraph {
  nodes: SankeyNodeDatum[];
  links: Array<{ source: number; target: number; value: number }>;
}

const LINK_DEFS: Array<[keyof Attribution, SankeyNodeDatum, SankeyNodeDatum]> = [
  ["solarToHome", { name: "Solar", kind: "solar", flow: "solar" }, { name: "Home", kind: "home", flow: "load" }],
  [
    "solarToBattery",
    { name: "Solar", kind: "solar", flow: "solar" },
    { name: "Battery charge", kind: "battery", flow: "batteryCharge" },
  ],
  [
    "solarToGrid",
    { name: "Solar", kind: "solar", flow: "solar" },
    { name: "Grid export", kind: "grid", flow: "gridExport" },
  ],
  ["gridToHome", { name: "Grid", kind: "grid", flow: "gridImport" }, { name: "Home", kind: "home", flow: "load" }],
  [
    "gridToBattery",
    { name: "Grid", kind: "grid", flow: "gridImport" },
    { name: "Battery charge", kind: "battery", flow: "batteryCharge" },
  ],
  [
    "batteryToHome",
    { name: "Battery", kind: "battery", flow: "batteryDischarge" },
    { name: "Home", kind: "home", flow: "load" },
  ],
  [
    "batteryToGrid",
    { name: "Battery", kind: "battery", flow: "batteryDischarge" },
    { name: "Grid export", kind: "grid", flow: "gridExport" },
  ],
];

const UNACCOUNTED: SankeyNodeDatum = { name: "Not accounted for", kind: "unaccounted" };
const NODE_OF: Record<AccountFlow, SankeyNodeDatum> = Object.fromEntries(
  LINK_DEFS.flatMap(([, from, to]) => [from, to]).map((n) => [n.flow, n]),
) as Record<AccountFlow, SankeyNodeDatum>;

/**
 * The server's attribution as a Sankey graph (sources left, destinations right; battery and grid appear on both
 * sides so the graph has no cycles), with the meters' imbalance as a "Not accounted for" node so every other node
 * equals its flow's total. Links under `minWh` are dropped; `unknown` lists links the server could not attribute
 * (a flow they need is unknown), which the diagram must say rather than draw.
 */
export function sankeyGraph(
  a: Attribution,
  unaccounted?: Unaccounted,
  minWh = 1,
): SankeyGraph & { unknown: Array<keyof Attribution> } {
  const nodes: SankeyNodeDatum[] = [];
  const index = (n: SankeyNodeDatum) => {
    let i = nodes.findIndex((x) => x.name === n.name);
    if (i < 0) i = nodes.push(n) - 1;
    return i;
  };
  const links: SankeyGraph["links"] = [];
  const unknown: Array<keyof Attribution> = [];
  for (const [key, from, to] of LINK_DEFS) {
    const v = a[key];
    if (v === null || v === undefined) {
      unknown.push(key);
      continue;
    }
    if (!(v >= minWh)) continue;
    links.push({ source: index(from), target: index(to), value: v });
  }
  if (unaccounted && !unknown.length) {
    for (const [flow, v] of Object.entries(unaccounted.from) as Array<[AccountFlow, number]>) {
      if (v >= minWh) links.push({ source: index(NODE_OF[flow]), target: index(UNACCOUNTED), value: v });
    }
    for (const [flow, v] of Object.entries(unaccounted.to) as Array<[AccountFlow, number]>) {
      if (v >= minWh) links.push({ source: index(UNACCOUNTED), target: index(NODE_OF[flow]), value: v });
    }
  }
  return { nodes, links, unknown };
}

/** Each node's total (sum of its links), by node name; what the diagram labels show. */
export function nodeTotals(g: SankeyGraph): Map<string, number> {
  const out = new Map<string, number>();
  g.links.forEach((l) => {
    for (const i of [l.source, l.target]) out.set(g.nodes[i].name, (out.get(g.nodes[i].name) ?? 0) + l.value);
  });
  return out;
}
