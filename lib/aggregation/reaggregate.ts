import "server-only";
import { listPoints } from "@/lib/db/queries/points";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { aggregateFiveMinute } from "./aggregate-five-minute";
import type { AggPoint } from "./five-minute";
import { selectRawIntervals } from "./store";

/**
 * Recomputes every 5-minute interval of one system that has raw readings in (afterMs, untilMs] (admin repair,
 * after a point's transform changed, or after raw rows were loaded by hand). Returns the rows recomputed.
 */
export async function reaggregateFiveMinute(systemId: number, afterMs: number, untilMs: number): Promise<number> {
  const [system] = await listPipelineSystems([systemId]);
  if (!system) throw new Error(`System ${systemId} not found`);
  const points = new Map<number, AggPoint>((await listPoints([systemId])).map((p) => [p.id, p]));
  const touched = await selectRawIntervals(systemId, afterMs, untilMs);
  const { rows } = await aggregateFiveMinute(system, points, touched, {});
  return rows.length;
}
