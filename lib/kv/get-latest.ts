import "server-only";
import type { LatestPoint, LatestResponse } from "@/lib/api/contracts";
import { latestFiveMinute } from "@/lib/aggregation";
import { listPoints, type PointRow } from "@/lib/db/queries/points";
import { latestRawReadings } from "@/lib/db/queries/readings";
import { QUALITY } from "@/lib/db/schema";
import { pathOfPoint } from "@/lib/points";
import { isKvEnabled } from "./client";
import { readLatestValues, writeLatestValues, type LatestValue } from "./latest-values";

/**
 * The newest value of every active point of a system: from the KV cache when it is configured and answers,
 * else from the database (newest raw reading, or the newest 5-minute value for interval-only points).
 */
export async function getLatest(systemId: number): Promise<LatestResponse> {
  const all = await listPoints([systemId]);
  const active = new Map(all.filter((p) => p.active).map((p) => [p.id, p]));
  const cached = await readLatestValues(systemId);
  if (cached) {
    const newest = new Map<number, LatestValue>();
    for (const v of cached) {
      const cur = newest.get(v.pointId);
      if (active.has(v.pointId) && (!cur || v.measurementTimeMs > cur.measurementTimeMs)) newest.set(v.pointId, v);
    }
    if (newest.size) return respond(systemId, "kv", active, [...newest.values()]);
  }
  const values = await latestFromDb(systemId, active);
  if (isKvEnabled() && values.length) await writeLatestValues(systemId, new Map(all.map((p) => [p.id, p])), values);
  return respond(systemId, "db", active, values);
}

async function latestFromDb(systemId: number, active: Map<number, PointRow>): Promise<LatestValue[]> {
  const values: LatestValue[] = [];
  for (const r of await latestRawReadings(systemId, [...active.keys()])) {
    const sign = active.get(r.pointId)?.transform === "i" ? -1 : 1;
    values.push({
      pointId: r.pointId,
      value: r.value === null || r.quality === QUALITY.error ? null : sign * r.value,
      valueStr: r.valueStr,
      measurementTimeMs: r.timeMs,
      receivedTimeMs: r.receivedMs ?? r.timeMs,
    });
  }
  const missing = [...active.keys()].filter((id) => !values.some((v) => v.pointId === id));
  for (const r of await latestFiveMinute(systemId, missing)) {
    values.push({
      pointId: r.pointId,
      value: r.last ?? r.avg ?? r.delta,
      valueStr: r.valueStr,
      measurementTimeMs: r.intervalEndMs,
      receivedTimeMs: r.intervalEndMs,
    });
  }
  return values;
}

function respond(
  systemId: number,
  source: "kv" | "db",
  active: Map<number, PointRow>,
  values: LatestValue[],
): LatestResponse {
  const points: LatestPoint[] = values
    .map((v) => {
      const p = active.get(v.pointId)!;
      return {
        pointId: v.pointId,
        path: pathOfPoint(p),
        displayName: p.displayName,
        unit: p.metricUnit,
        value: v.value,
        valueStr: v.valueStr,
        measurementTimeMs: v.measurementTimeMs,
        receivedTimeMs: v.receivedTimeMs,
      };
    })
    .sort((a, b) => a.pointId - b.pointId);
  const lastUpdateMs = points.length ? Math.max(...points.map((p) => p.measurementTimeMs)) : null;
  return { systemId, source, lastUpdateMs, points };
}
