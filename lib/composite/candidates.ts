import "server-only";
import type { UserCaller } from "@/lib/auth/types";
import { listVisibleSystems } from "@/lib/dashboard/systems";
import { listPoints } from "@/lib/db/queries/points";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { pathOfPoint } from "@/lib/points";
import { categoryOfPath } from "./categories";
import { COMPOSITE_VENDOR } from "./resolve";
import type { CandidateSystem, CandidatesResponse } from "./types";

/**
 * The points a user may map: active points of the systems they own or have been granted (not composites; a
 * platform admin's view of other people's systems is left out), grouped by system and by standard category,
 * with everything else under "other" (usable in custom categories).
 */
export async function listCandidates(user: UserCaller): Promise<CandidatesResponse> {
  const visible = (await listVisibleSystems(user)).filter(
    (s) => s.vendorType !== COMPOSITE_VENDOR && s.role !== "platform-admin" && s.status !== "removed",
  );
  const points = await listPoints(visible.map((s) => s.id));
  const located = visible.length ? await listPipelineSystems(visible.map((s) => s.id)) : [];
  const places = new Map(located.map((r) => [r.id, r.location]));
  const systems: CandidateSystem[] = visible.map((s) => ({
    systemId: s.id,
    displayName: s.displayName,
    alias: s.alias,
    vendorType: s.vendorType,
    displayTimezone: s.displayTimezone,
    role: s.role,
    location: placeOf(places.get(s.id)),
    categories: { solar: [], battery: [], load: [], grid: [], other: [] },
  }));
  const byId = new Map(systems.map((s) => [s.systemId, s]));
  for (const p of points) {
    if (!p.active) continue;
    const path = pathOfPoint(p);
    const category = p.metricType === "text" ? "other" : (categoryOfPath(path) ?? "other");
    byId.get(p.systemId)!.categories[category].push({
      pointId: p.id,
      path,
      displayName: p.displayName,
      metricType: p.metricType,
      unit: p.metricUnit,
    });
  }
  return { systems };
}

/** Coordinates only (the composite editor compares them to spot one site seen by two vendors). */
function placeOf(location: unknown): CandidateSystem["location"] {
  const l = location as { lat?: unknown; lng?: unknown } | null | undefined;
  return typeof l?.lat === "number" && typeof l?.lng === "number" ? { lat: l.lat, lng: l.lng } : null;
}
