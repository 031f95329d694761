import "server-only";
import { listCompositeMetadata } from "@/lib/db/queries/systems";
import { getSubscriptions, setSubscriptions } from "@/lib/kv/lookups";
import { parseCompositeMetadata, sourceIdsOf } from "./metadata";
import { COMPOSITE_VENDOR } from "./resolve";

/** Every non-removed composite and the source systems its mapping names, straight from the database. */
async function compositeSources(): Promise<Array<{ id: number; sources: number[] }>> {
  const rows = await listCompositeMetadata(COMPOSITE_VENDOR);
  return rows.map((r) => ({ id: r.id, sources: sourceIdsOf(parseCompositeMetadata(r.metadata)) }));
}

/** The composites that use a source system, from the database (the truth the KV registry mirrors). */
export async function compositesUsingFromDb(sourceId: number): Promise<number[]> {
  return (await compositeSources()).filter((c) => c.sources.includes(sourceId)).map((c) => c.id);
}

/**
 * The composites that use a source system: the KV registry `subscriptions:system:{sourceId}` when the cache
 * answers, else the same answer computed from the database.
 */
export async function compositesUsing(sourceId: number): Promise<number[]> {
  const cached = await getSubscriptions(sourceId);
  if (cached) return cached.map(Number).sort((a, b) => a - b);
  return compositesUsingFromDb(sourceId);
}

/**
 * Rebuilds the registry entries of some source systems (all sources of all composites when `sourceIds` is
 * omitted) from the database; called whenever a mapping changes. Best effort: false when KV did not take it.
 */
export async function rebuildSubscriptions(sourceIds?: number[]): Promise<boolean> {
  const all = await compositeSources();
  const ids = sourceIds ?? [...new Set(all.flatMap((c) => c.sources))];
  let ok = true;
  for (const id of new Set(ids)) {
    const subscribers = all.filter((c) => c.sources.includes(id)).map((c) => String(c.id));
    ok = (await setSubscriptions(id, subscribers)) && ok;
  }
  return ok;
}
