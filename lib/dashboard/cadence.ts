import "server-only";
import { parseCompositeMetadata, sourceIdsOf } from "@/lib/composite/metadata";
import type { System } from "@/lib/db/schema";
import { getAdapter, isVirtualVendor } from "@/lib/vendors";
import { systemsByIds } from "./store";

const MINUTE_MS = 60_000;

/**
 * How often a vendor normally delivers new data (adapters declare it; one minute when they don't). With a system,
 * at `now`: a vendor polled less often at night answers with its night cadence then.
 */
export function vendorDataIntervalMs(vendorType: string, system?: System, now = new Date()): number {
  const adapter = getAdapter(vendorType);
  if (system && adapter?.dataIntervalAt) return adapter.dataIntervalAt(system as never, now);
  return adapter?.dataIntervalMs ?? MINUTE_MS;
}

/**
 * The longest normal spacing of a vendor's data points (default: its data interval), e.g. a vendor polled
 * every 30 minutes at night. Charts join points up to this far apart instead of drawing a gap.
 */
export function vendorMaxDataGapMs(vendorType: string): number {
  return getAdapter(vendorType)?.maxDataGapMs ?? vendorDataIntervalMs(vendorType);
}

export interface Cadence {
  /** How often new data normally arrives (freshness marks are judged against it). */
  dataIntervalMs: number;
  /** The longest normal spacing of its data points (charts bridge gaps up to it). */
  maxDataGapMs: number;
}

/**
 * Data cadence of each system at `now`: its vendor's, or for a composite the slowest of its sources' (its live time
 * is the oldest source's). `known` lets callers pass systems already loaded; other sources are looked up in one
 * query.
 */
export async function cadences(
  list: System[],
  known: System[] = list,
  now = new Date(),
): Promise<Map<number, Cadence>> {
  const byId = new Map(known.map((s) => [s.id, s]));
  const sources = new Map(
    list
      .filter((s) => isVirtualVendor(s.vendorType))
      .map((s) => [s.id, sourceIdsOf(parseCompositeMetadata(s.metadata))]),
  );
  const missing = [...new Set([...sources.values()].flat())].filter((id) => !byId.has(id));
  if (missing.length) {
    for (const row of await systemsByIds(missing)) byId.set(row.id, row);
  }
  const intervalOf = (s: System) => vendorDataIntervalMs(s.vendorType, s, now);
  const gapOf = (s: System) => vendorMaxDataGapMs(s.vendorType);
  const slowest = (members: System[], of: (s: System) => number) => Math.max(MINUTE_MS, ...members.map(of));
  const out = new Map<number, Cadence>();
  for (const s of list) {
    const ids = sources.get(s.id);
    const members = ids ? ids.map((id) => byId.get(id)).filter((m): m is System => m !== undefined) : [s];
    out.set(s.id, { dataIntervalMs: slowest(members, intervalOf), maxDataGapMs: slowest(members, gapOf) });
  }
  return out;
}
