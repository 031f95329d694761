import "server-only";
import type { LatestPoint } from "@/lib/api/contracts";
import type { PipelineSystem } from "@/lib/db/queries/systems";
import { getLatest as getSystemLatest } from "@/lib/kv/get-latest";
import { combineValues } from "./combine";
import { planOutputs, type OutputPoint } from "./plan";
import { resolveComposite } from "./resolve";
import type { CompositeLatestResponse, MemberValue } from "./types";

const key = (systemId: number, pointId: number) => `${systemId}:${pointId}`;

/**
 * The live values of a composite, computed from each source's latest values (KV or database) keyed by source
 * point: one synthetic point per category and metric (plus extension paths), with per-source detail and every
 * dropped source or point listed.
 */
export async function getCompositeLatest(system: PipelineSystem): Promise<CompositeLatestResponse> {
  const resolved = await resolveComposite(system);
  const outputs = planOutputs(resolved.members);
  const sourceIds = [...new Set(resolved.members.map((m) => m.systemId))];
  const values = new Map<string, LatestPoint>();
  let allKv = sourceIds.length > 0;
  for (const id of sourceIds) {
    const latest = await getSystemLatest(id);
    if (latest.source !== "kv") allKv = false;
    for (const p of latest.points) values.set(key(id, p.pointId), p);
  }

  const points: LatestPoint[] = [];
  const detail: CompositeLatestResponse["composite"]["points"] = [];
  for (const o of outputs) {
    const memberValues: MemberValue[] = o.members.map((m) => {
      const v = values.get(key(m.systemId, m.pointId));
      return {
        systemId: m.systemId,
        pointId: m.pointId,
        path: m.path,
        value: v?.value ?? null,
        measurementTimeMs: v?.measurementTimeMs ?? null,
      };
    });
    const point = toLatestPoint(o, memberValues, values);
    if (!point) continue;
    points.push(point);
    detail.push({ pointId: o.pointId, path: o.path, category: o.category, combine: o.combine, members: memberValues });
  }
  points.sort((a, b) => (a.path ?? "").localeCompare(b.path ?? ""));
  const lastUpdateMs = points.length ? Math.max(...points.map((p) => p.measurementTimeMs)) : null;
  return {
    systemId: system.id,
    source: allKv ? "kv" : "db",
    lastUpdateMs,
    points,
    composite: { version: 2, sources: resolved.sources, droppedPoints: resolved.droppedPoints, points: detail },
  };
}

function toLatestPoint(o: OutputPoint, members: MemberValue[], values: Map<string, LatestPoint>): LatestPoint | null {
  const have = members.filter((m) => typeof m.value === "number" && Number.isFinite(m.value));
  const texts = members.map((m) => values.get(key(m.systemId, m.pointId))).filter((v) => v?.valueStr != null);
  if (!have.length && !(o.combine === "latest" && texts.length)) return null;
  // Lifetime counters and interval amounts cannot be added live; history adds their deltas correctly.
  const kinds = new Set(o.members.map((m) => m.transform === "d"));
  const mixed = (o.metric === "energy" || o.metric === "cost") && kinds.size > 1;
  const newestText = texts.sort((a, b) => b!.measurementTimeMs - a!.measurementTimeMs)[0];
  const times = (have.length ? have : members).map((m) => m.measurementTimeMs ?? 0).filter((t) => t > 0);
  const received = o.members
    .map((m) => values.get(key(m.systemId, m.pointId))?.receivedTimeMs)
    .filter((t): t is number => typeof t === "number");
  let displayName = o.displayName;
  if (mixed) displayName += " (counters and interval values mixed: see history)";
  else if (have.length < members.length) displayName += ` (partial: ${have.length} of ${members.length} sources)`;
  return {
    pointId: o.pointId,
    path: o.path,
    displayName,
    unit: o.unit,
    value: mixed
      ? null
      : combineValues(
          o.combine,
          o.members.map((m, i) => ({
            value: members[i].value,
            weightWh: m.capacityWh,
            timeMs: members[i].measurementTimeMs,
          })),
        ),
    valueStr: o.combine === "latest" ? (newestText?.valueStr ?? null) : null,
    // The oldest contributing time: a stale source is never hidden behind a fresh one.
    measurementTimeMs: times.length ? Math.min(...times) : 0,
    receivedTimeMs: received.length ? Math.min(...received) : times.length ? Math.min(...times) : 0,
  };
}
