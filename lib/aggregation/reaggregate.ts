import "server-only";
import { getDb } from "@/lib/db/client";
import { listPoints } from "@/lib/db/queries/points";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { aggregateFiveMinute } from "./aggregate-five-minute";
import type { AggPoint } from "./five-minute";

/**
 * Recomputes every 5-minute interval of one system that has raw readings in (afterMs, untilMs] (admin repair,
 * after a point's transform changed, or after raw rows were loaded by hand). Returns the rows recomputed.
 */
export async function reaggregateFiveMinute(systemId: number, afterMs: number, untilMs: number): Promise<number> {
  const [system] = await listPipelineSystems([systemId]);
  if (!system) throw new Error(`System ${systemId} not found`);
  const points = new Map<number, AggPoint>((await listPoints([systemId])).map((p) => [p.id, p]));
  const res = await getDb().$client.execute({
    sql:
      "SELECT DISTINCT point_id, ((measurement_time + 299999) / 300000) * 300000 AS interval_end FROM point_readings " +
      "WHERE system_id = ? AND measurement_time > ? AND measurement_time <= ?",
    args: [systemId, afterMs, untilMs],
  });
  const touched = res.rows.map((r) => ({ pointId: Number(r.point_id), intervalEndMs: Number(r.interval_end) }));
  const { rows } = await aggregateFiveMinute(system, points, touched, {});
  return rows.length;
}
