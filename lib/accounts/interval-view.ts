import { localDay } from "@/lib/time/zones";
import { INTERVAL_MS } from "./channels";
import type { LedgerWindow } from "./system-ledger";
import { coreOf, reasonsOf, totalsOf } from "./totals";
import type { IntervalAccount } from "./types";

/** The intervals lo..hi−1 of a ledger window as API objects (flows, attribution, percentages per interval). */
export function intervalAccounts(w: LedgerWindow, zone: string): IntervalAccount[] {
  const reasons = reasonsOf(w.ledger.capabilities);
  const out: IntervalAccount[] = [];
  for (let i = w.lo; i < w.hi; i++) {
    const endMs = w.ledger.grid.firstEndMs + i * INTERVAL_MS;
    out.push({
      startMs: endMs - INTERVAL_MS,
      endMs,
      day: localDay(endMs - 1, zone),
      ...coreOf(totalsOf(w.ledger, i, i + 1), reasons),
    });
  }
  return out;
}
