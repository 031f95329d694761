import "server-only";
import { inArray } from "drizzle-orm";
import { parseCompositeMetadata, sourceIdsOf } from "@/lib/composite/metadata";
import { getDb } from "@/lib/db/client";
import { systems, type System } from "@/lib/db/schema";
import "@/lib/vendors";
import { getAdapter } from "@/lib/vendors/registry";

const MINUTE_MS = 60_000;

/** How often a vendor normally delivers new data (adapters declare it; one minute when they don't). */
export function vendorDataIntervalMs(vendorType: string): number {
  return getAdapter(vendorType)?.dataIntervalMs ?? MINUTE_MS;
}

/**
 * The longest normal spacing of a vendor's data points (default: its data interval): SolarEdge is polled every
 * 30 minutes at night. Charts join points up to this far apart instead of drawing a gap.
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
 * Data cadence of each system: its vendor's, or for a composite the slowest of its sources' (its live time is the
 * oldest source's). `known` lets callers pass systems already loaded; other sources are looked up in one query.
 */
export async function cadences(list: System[], known: System[] = list): Promise<Map<number, Cadence>> {
  const vendorOf = new Map(known.map((s) => [s.id, s.vendorType]));
  const sources = new Map(
    list
      .filter((s) => s.vendorType === "composite")
      .map((s) => [s.id, sourceIdsOf(parseCompositeMetadata(s.metadata))]),
  );
  const missing = [...new Set([...sources.values()].flat())].filter((id) => !vendorOf.has(id));
  if (missing.length) {
    const rows = await getDb()
      .select({ id: systems.id, vendorType: systems.vendorType })
      .from(systems)
      .where(inArray(systems.id, missing));
    for (const r of rows) vendorOf.set(r.id, r.vendorType);
  }
  const slowest = (vendors: string[], of: (vendorType: string) => number) => Math.max(MINUTE_MS, ...vendors.map(of));
  const out = new Map<number, Cadence>();
  for (const s of list) {
    const ids = sources.get(s.id);
    const vendors = ids ? ids.map((id) => vendorOf.get(id) ?? "") : [s.vendorType];
    out.set(s.id, {
      dataIntervalMs: ids ? slowest(vendors, vendorDataIntervalMs) : vendorDataIntervalMs(s.vendorType),
      maxDataGapMs: ids ? slowest(vendors, vendorMaxDataGapMs) : vendorMaxDataGapMs(s.vendorType),
    });
  }
  return out;
}
