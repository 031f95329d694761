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
 * Data cadence of each system: its vendor's, or for a composite the slowest of its sources' (its live time is the
 * oldest source's). `known` lets callers pass systems already loaded; other sources are looked up in one query.
 */
export async function dataIntervals(list: System[], known: System[] = list): Promise<Map<number, number>> {
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
  const out = new Map<number, number>();
  for (const s of list) {
    const ids = sources.get(s.id);
    out.set(
      s.id,
      ids
        ? Math.max(MINUTE_MS, ...ids.map((id) => vendorDataIntervalMs(vendorOf.get(id) ?? "")))
        : vendorDataIntervalMs(s.vendorType),
    );
  }
  return out;
}
