import "server-only";
import { COMPOSITE_VENDOR, resolveComposite } from "@/lib/composite/resolve";
import { parseCompositeMetadata, sourceIdsOf } from "@/lib/composite/metadata";
import { listPoints } from "@/lib/db/queries/points";
import { listCompositeMetadata, type PipelineSystem } from "@/lib/db/queries/systems";
import { localDay } from "@/lib/time/zones";
import { evPlan, type EvPlan } from "./points";

/**
 * A composite's EV plan: the EV chargers and vehicle points of the source systems that share in its load (the
 * composite's accounts carry exactly their extra loads, keyed `<systemId>:<head>`), so a session's solar share
 * comes from the composite's own supply. Each charger and the vehicle keep the source system their points are in.
 */
export async function compositeEvPlan(composite: PipelineSystem): Promise<EvPlan> {
  const resolved = await resolveComposite(composite);
  const ids = [...new Set(resolved.members.filter((m) => m.category === "load").map((m) => m.systemId))];
  const points = ids.length ? await listPoints(ids) : [];
  const plan: EvPlan = { chargers: [], vehicle: null };
  for (const id of ids) {
    const own = evPlan(points.filter((p) => p.systemId === id));
    const name = resolved.sourceSystems.get(id)?.displayName ?? `System ${id}`;
    for (const c of own.chargers) {
      plan.chargers.push({ ...c, key: `${id}:${c.key}`, name: `${name} · ${c.name || "EV charger"}`, systemId: id });
    }
    if (!plan.vehicle && own.vehicle) plan.vehicle = { ...own.vehicle, systemId: id };
  }
  return plan;
}

/** The composites (not removed) that read any of these systems, with the spans of those systems they read. */
export async function compositesReading(
  spans: Array<{ systemId: number; startMs: number; endMs: number }>,
): Promise<Map<number, Array<{ startMs: number; endMs: number }>>> {
  const out = new Map<number, Array<{ startMs: number; endMs: number }>>();
  if (!spans.length) return out;
  for (const c of await listCompositeMetadata(COMPOSITE_VENDOR)) {
    const sources = new Set(sourceIdsOf(parseCompositeMetadata(c.metadata)));
    const read = spans.filter((s) => sources.has(s.systemId)).map(({ startMs, endMs }) => ({ startMs, endMs }));
    if (read.length) out.set(c.id, read);
  }
  return out;
}

/** The local days (in `zone`) that some spans touch. */
export function daysOfSpans(spans: Array<{ startMs: number; endMs: number }>, zone: string): string[] {
  const days = new Set<string>();
  for (const { startMs, endMs } of spans) {
    days.add(localDay(startMs, zone));
    days.add(localDay(endMs - 1, zone));
  }
  return [...days].sort();
}
