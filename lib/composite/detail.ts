import "server-only";
import { notFound } from "@/lib/api/errors";
import type { SystemAccess } from "@/lib/auth/types";
import { isLegacyRef } from "./metadata";
import { loadCompositeSystem, resolveComposite } from "./resolve";
import { compositeSummary } from "./store";
import type { CompositeDetail, MappedPointInfo } from "./types";

/**
 * A composite for its readers: summary, stored mapping (version 2), each mapped point with its current status,
 * every source's status and every dropped point with the reason. 404 when the system is not a composite.
 */
export async function getCompositeDetail(access: SystemAccess): Promise<CompositeDetail> {
  const system = await loadCompositeSystem(access.system.id);
  if (!system) throw notFound("Composite not found");
  const resolved = await resolveComposite(system);
  const role = system.ownerUserId === access.caller.userId ? "owner" : access.role;

  const sourceOf = new Map(resolved.sources.map((s) => [s.systemId, s]));
  const mappings: Record<string, MappedPointInfo[]> = {};
  const stored: CompositeDetail["metadata"]["mappings"] = {};
  for (const [category, refs] of Object.entries(resolved.meta.mappings)) {
    mappings[category] = [];
    stored[category] = [];
    for (const ref of refs) {
      const found = resolved.members.filter(
        (m) =>
          m.category === category && m.systemId === ref.systemId && (isLegacyRef(ref) || m.pointId === ref.pointId),
      );
      for (const m of found) {
        stored[category].push({ systemId: m.systemId, pointId: m.pointId });
        mappings[category].push({
          systemId: m.systemId,
          pointId: m.pointId,
          systemName: sourceOf.get(m.systemId)?.displayName ?? null,
          pointName: m.displayName,
          path: m.path,
          unit: m.unit,
          status: "ok",
        });
      }
      if (found.length || isLegacyRef(ref)) continue;
      stored[category].push({ systemId: ref.systemId, pointId: ref.pointId });
      const source = sourceOf.get(ref.systemId);
      const dropped = resolved.droppedPoints.find((d) => d.systemId === ref.systemId && d.pointId === ref.pointId);
      mappings[category].push({
        systemId: ref.systemId,
        pointId: ref.pointId,
        systemName: source?.displayName ?? null,
        pointName: null,
        path: null,
        unit: null,
        status: "dropped",
        reason: dropped?.reason ?? source?.reason ?? "unresolved",
      });
    }
  }
  const capacities = resolved.meta.capacities;
  return {
    system: await compositeSummary(system.id, role),
    metadata: { version: 2, mappings: stored, ...(Object.keys(capacities).length ? { capacities } : {}) },
    mappings,
    sources: resolved.sources,
    droppedPoints: resolved.droppedPoints,
  };
}
