import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getSystemAccess } from "@/lib/auth/require";
import type { UserCaller } from "@/lib/auth/types";
import { listPoints } from "@/lib/db/queries/points";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { pathOfPoint } from "@/lib/points";
import { balanceMembers, balanceWarnings } from "./balance";
import { capacityKey, isStandardCategory, pathFitsCategory, STANDARD_CATEGORIES } from "./categories";
import { COMPOSITE_VENDOR } from "./resolve";
import type { CompositeCapacities, CompositeMappings } from "./types";

export const MAX_MAPPED_POINTS = 100;

interface Issue {
  path: string;
  message: string;
}

/**
 * Checks a mapping before anything is written: each point exists, is active, fits its category and belongs to a
 * system that both the editor and the composite's owner may read and that is not itself a composite; no point
 * twice; capacities only for mapped battery SoC points. Throws one 400 listing every problem. Returns warnings that
 * do not block saving: mappings whose accounts cannot balance (one site's grid meter counted twice, a source's
 * generation without its load; see balance.ts).
 */
export async function validateMappings(
  mappings: CompositeMappings,
  capacities: CompositeCapacities | undefined,
  ctx: { editor: UserCaller; owner: UserCaller },
): Promise<string[]> {
  const issues: Issue[] = [];
  const refs = Object.entries(mappings).flatMap(([category, list]) =>
    list.map((ref, i) => ({ category, ref, at: `mappings.${category}[${i}]` })),
  );
  if (!refs.length) issues.push({ path: "mappings", message: "Map at least one point" });
  if (refs.length > MAX_MAPPED_POINTS) {
    issues.push({ path: "mappings", message: `A composite maps at most ${MAX_MAPPED_POINTS} points` });
  }

  const ids = [...new Set(refs.map((r) => r.ref.systemId))];
  const systems = new Map((await listPipelineSystems(ids)).map((s) => [s.id, s]));
  const readable = new Set<number>();
  for (const id of ids) {
    const s = systems.get(id);
    const ok = s && s.status !== "removed" && (await canRead(ctx.editor, id)) && (await canRead(ctx.owner, id));
    if (ok) readable.add(id);
  }
  const points = await listPoints([...readable]);

  const seen = new Map<string, string>();
  for (const { category, ref, at } of refs) {
    const s = systems.get(ref.systemId);
    if (!readable.has(ref.systemId)) {
      // The same words for unknown and unreadable: a mapping must not reveal which systems exist.
      issues.push({
        path: at,
        message: `System ${ref.systemId} does not exist or is not readable by you and the owner`,
      });
      continue;
    }
    if (s!.vendorType === COMPOSITE_VENDOR) {
      const message = `“${s!.displayName}” is a composite: composites cannot be sources of other composites`;
      issues.push({ path: at, message });
      continue;
    }
    const p = points.find((x) => x.systemId === ref.systemId && x.id === ref.pointId);
    const where = `of “${s!.displayName}”`;
    if (!p) {
      issues.push({ path: at, message: `Point ${ref.pointId} ${where} does not exist` });
      continue;
    }
    if (!p.active) issues.push({ path: at, message: `“${p.displayName}” ${where} is switched off` });
    const path = pathOfPoint(p);
    if (!pathFitsCategory(category, path)) {
      const want = isStandardCategory(category) ? `${STANDARD_CATEGORIES[category]}…` : "";
      const message = `“${p.displayName}” ${where} is ${path ?? "unclassified"}, which is not a ${category} point (${category} takes ${want})`;
      issues.push({ path: at, message });
    }
    if (p.metricType === "text" && isStandardCategory(category)) {
      issues.push({ path: at, message: `“${p.displayName}” ${where} is text and cannot be combined` });
    }
    const k = capacityKey(ref.systemId, ref.pointId);
    const first = seen.get(k);
    if (first) issues.push({ path: at, message: `“${p.displayName}” ${where} is already mapped at ${first}` });
    else seen.set(k, at);
  }

  for (const [k, wh] of Object.entries(capacities ?? {})) {
    const [systemId, pointId] = k.split(":").map(Number);
    const mappedSoc = (mappings.battery ?? []).some((r) => r.systemId === systemId && r.pointId === pointId);
    const p = points.find((x) => x.systemId === systemId && x.id === pointId);
    if (!mappedSoc || p?.metricType !== "soc") {
      issues.push({
        path: `capacities.${k}`,
        message: `Capacity ${wh} Wh is for ${k}, which is not a mapped battery SoC point`,
      });
    }
  }

  if (issues.length) {
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new ApiError("BAD_REQUEST", `Invalid composite mapping: ${summary}`, { issues });
  }
  const known = new Map(
    [...systems].map(([id, s]) => [id, { displayName: s.displayName, location: placeOf(s.location) }]),
  );
  return balanceWarnings(balanceMembers(mappings, known));
}

function placeOf(l: unknown): { lat: number; lng: number } | null {
  const p = l as { lat?: unknown; lng?: unknown } | null;
  return typeof p?.lat === "number" && typeof p?.lng === "number" ? { lat: p.lat, lng: p.lng } : null;
}

async function canRead(user: UserCaller, systemId: number): Promise<boolean> {
  return Boolean((await getSystemAccess(user, systemId))?.canRead);
}
