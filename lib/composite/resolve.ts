import "server-only";
import { getSystemAccess } from "@/lib/auth/require";
import type { UserCaller } from "@/lib/auth/types";
import { listPoints, type PointRow } from "@/lib/db/queries/points";
import { listPipelineSystems, type PipelineSystem } from "@/lib/db/queries/systems";
import { getUserById } from "@/lib/db/queries/users";
import { pathOfPoint } from "@/lib/points";
import { COMPOSITE_VENDOR_TYPE } from "@/lib/vendors/composite/adapter";
import { capacityKey, pathFitsCategory } from "./categories";
import { isLegacyRef, parseCompositeMetadata, sourceIdsOf, type ParsedMetadata } from "./metadata";
import type { Member } from "./plan";
import type { DroppedPoint, SourceStatus } from "./types";

/** The vendor type composites are stored under: the virtual adapter's own. */
export const COMPOSITE_VENDOR: string = COMPOSITE_VENDOR_TYPE;

export interface ResolvedComposite {
  system: PipelineSystem;
  meta: ParsedMetadata;
  /** Mapped points that still contribute. */
  members: Member[];
  sources: SourceStatus[];
  droppedPoints: DroppedPoint[];
  /** Every source system that still exists (zones, names), by id. */
  sourceSystems: Map<number, PipelineSystem>;
}

/** The owner of a composite as a caller: whose access decides which sources still count. */
export async function ownerCaller(ownerUserId: string): Promise<UserCaller> {
  const user = await getUserById(ownerUserId);
  return { kind: "user", userId: ownerUserId, isPlatformAdmin: Boolean(user?.isPlatformAdmin), via: "local" };
}

/** Why a source system no longer counts for this owner, or null when it does. */
async function dropOf(
  id: number,
  source: PipelineSystem | undefined,
  owner: UserCaller,
): Promise<Pick<SourceStatus, "reason" | "message"> | null> {
  const name = source ? `“${source.displayName}”` : `System ${id}`;
  if (!source || source.status === "removed") {
    return { reason: "removed", message: `${name} was removed; its points no longer count` };
  }
  if (source.vendorType === COMPOSITE_VENDOR) {
    return { reason: "nested", message: `${name} is itself a composite; composites cannot be nested` };
  }
  if (!(await getSystemAccess(owner, id))) {
    return { reason: "access_revoked", message: `The owner can no longer read ${name}; its points no longer count` };
  }
  return null;
}

/**
 * Resolves a composite's mapping against the current systems, points and the owner's access: contributing members,
 * the status of every source, and every dropped point with a reason (nothing drops out silently).
 */
export async function resolveComposite(system: PipelineSystem): Promise<ResolvedComposite> {
  const meta = parseCompositeMetadata(system.metadata);
  const ids = sourceIdsOf(meta);
  const found = new Map((await listPipelineSystems(ids)).map((s) => [s.id, s]));
  const points = await listPoints(ids.filter((id) => found.has(id)));
  const owner = await ownerCaller(system.ownerUserId);

  const sources: SourceStatus[] = [];
  const usable = new Set<number>();
  for (const id of ids) {
    const s = found.get(id);
    const drop = await dropOf(id, s, owner);
    if (!drop) usable.add(id);
    sources.push({
      systemId: id,
      displayName: s?.displayName ?? null,
      vendorType: s?.vendorType ?? null,
      status: drop ? "dropped" : "ok",
      ...drop,
    });
  }

  const members: Member[] = [];
  const droppedPoints: DroppedPoint[] = meta.unreadable.map((u) => ({
    category: u.category,
    systemId: 0,
    pointId: null,
    reason: "unresolved" as const,
    message: `Unreadable mapping entry ${u.raw}`,
  }));
  const seen = new Set<string>();
  for (const [category, refs] of Object.entries(meta.mappings)) {
    for (const ref of refs) {
      if (!usable.has(ref.systemId)) continue; // reported once per source above
      const name = `“${found.get(ref.systemId)!.displayName}”`;
      const own = points.filter((p) => p.systemId === ref.systemId);
      let matches: PointRow[];
      if (isLegacyRef(ref)) {
        matches = own.filter((p) => ref.paths.includes(pathOfPoint(p) ?? ""));
        if (!matches.length) {
          const message = `No point of ${name} has path ${ref.paths[0]} (version 1 entry ${ref.raw})`;
          droppedPoints.push({ category, systemId: ref.systemId, pointId: null, reason: "unresolved", message });
        }
      } else {
        const p = own.find((x) => x.id === ref.pointId);
        if (!p) {
          const message = `Point ${ref.pointId} of ${name} no longer exists`;
          droppedPoints.push({
            category,
            systemId: ref.systemId,
            pointId: ref.pointId,
            reason: "point_missing",
            message,
          });
        }
        matches = p ? [p] : [];
      }
      for (const p of matches) {
        const drop = pointDrop(category, p, name);
        if (drop) {
          droppedPoints.push({ category, systemId: p.systemId, pointId: p.id, ...drop });
          continue;
        }
        const key = `${p.systemId}:${p.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        members.push(toMember(category, p, meta.capacities[capacityKey(p.systemId, p.id)] ?? null));
      }
    }
  }
  const sourceSystems = new Map([...found].filter(([id]) => usable.has(id)));
  return { system, meta, members, sources, droppedPoints, sourceSystems };
}

function pointDrop(category: string, p: PointRow, name: string): Pick<DroppedPoint, "reason" | "message"> | null {
  if (!p.active) return { reason: "point_inactive", message: `“${p.displayName}” of ${name} is switched off` };
  const path = pathOfPoint(p);
  if (!pathFitsCategory(category, path)) {
    const message = `“${p.displayName}” of ${name} is now ${path ?? "unclassified"}, which does not fit ${category}`;
    return { reason: "point_reclassified", message };
  }
  return null;
}

function toMember(category: string, p: PointRow, capacityWh: number | null): Member {
  return {
    category,
    systemId: p.systemId,
    pointId: p.id,
    path: pathOfPoint(p),
    metricType: p.metricType,
    unit: p.metricUnit,
    transform: p.transform,
    displayName: p.displayName,
    capacityWh: p.metricType === "soc" ? capacityWh : null,
  };
}

/** A composite by id (any status), or null when the id is not a composite. */
export async function loadCompositeSystem(id: number): Promise<PipelineSystem | null> {
  const [s] = await listPipelineSystems([id]);
  return s && s.vendorType === COMPOSITE_VENDOR ? s : null;
}
