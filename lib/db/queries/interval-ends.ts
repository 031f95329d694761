import "server-only";
import { getDb } from "@/lib/db/client";

/**
 * The interval ends (ms) of the stored 5-minute rows of a system's point with this vendor origin id, in
 * `(fromMs, toMs]`: what a vendor that back-fills whole days counts to find the incomplete ones.
 */
export async function fiveMinuteEndsOfOrigin(
  systemId: number,
  originId: string,
  fromMs: number,
  toMs: number,
): Promise<number[]> {
  const res = await getDb().$client.execute({
    sql:
      "SELECT a.interval_end FROM point_readings_agg_5m a JOIN point_info p ON p.system_id = a.system_id AND p.id = a.point_id " +
      "WHERE a.system_id = ? AND p.origin_id = ? AND a.interval_end > ? AND a.interval_end <= ?",
    args: [systemId, originId, fromMs, toMs],
  });
  return res.rows.map((r) => Number(r.interval_end));
}
