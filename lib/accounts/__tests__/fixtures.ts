import type { Db } from "@/lib/db/client";
import type { PointDefinition } from "@/lib/vendors/types";
import { insertTestSystem } from "@/test/helpers/test-vendor";

export const FIVE = 300_000;

const def = (key: string, path: string, transform: "d" | null = null): PointDefinition => {
  const [head, metricType] = path.split("/");
  const [type, subtype = null, extension = null] = head.split(".");
  return {
    originId: key,
    name: key,
    type: type as PointDefinition["type"],
    subtype,
    extension,
    metricType: metricType as PointDefinition["metricType"],
    unit: metricType === "power" ? "W" : "Wh",
    transform,
  };
};

/** A system in `zone` with points by key → path (a trailing "!" marks a lifetime counter); their ids by key. */
export async function systemWith(
  db: Db,
  zone: string,
  points: Record<string, string>,
  owner = "owner",
): Promise<{ id: number; p: Record<string, number> }> {
  const id = await insertTestSystem(db, { zone, owner });
  const { ensurePoints } = await import("@/lib/ingest/ensure-points");
  const defs = Object.entries(points).map(([k, path]) =>
    def(k, path.replace(/!$/, ""), path.endsWith("!") ? "d" : null),
  );
  const made = await ensurePoints(id, defs, 0);
  return { id, p: Object.fromEntries(Object.keys(points).map((k, i) => [k, made.of[i].id])) };
}

export interface Agg {
  avg?: number | null;
  last?: number | null;
  delta?: number | null;
}

/** Stores 5-minute rows straight into point_readings_agg_5m (what the aggregation would have written). */
export async function put5m(db: Db, systemId: number, pointId: number, rows: Array<[number, Agg]>): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    const part = rows.slice(i, i + 400);
    await db.$client.execute({
      sql:
        "INSERT OR REPLACE INTO point_readings_agg_5m (system_id, point_id, interval_end, avg, min, max, last, delta, " +
        "sample_count, error_count, data_quality, created_at, updated_at) VALUES " +
        part.map(() => "(?,?,?,?,?,?,?,?,5,0,'good',0,0)").join(","),
      args: part.flatMap(([end, a]) => [
        systemId,
        pointId,
        end,
        a.avg ?? null,
        a.avg ?? null,
        a.avg ?? null,
        a.last ?? a.avg ?? null,
        a.delta ?? null,
      ]),
    });
  }
}

/** Interval ends in (fromMs, toMs]. */
export function ends(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (let e = fromMs + FIVE; e <= toMs; e += FIVE) out.push(e);
  return out;
}

/** Constant power rows over (fromMs, toMs]. */
export const constant = (fromMs: number, toMs: number, w: number): Array<[number, Agg]> =>
  ends(fromMs, toMs).map((e) => [e, { avg: w }]);

/** Counter rows over (fromMs, toMs], `wh` per interval, skipping ends in `gaps` (the next row carries them). */
export function counterRows(
  fromMs: number,
  toMs: number,
  wh: number,
  gaps: Array<[number, number]> = [],
  start = 1_000_000,
): Array<[number, Agg]> {
  const out: Array<[number, Agg]> = [];
  let v = start;
  let pending = 0;
  for (const e of ends(fromMs, toMs)) {
    v += wh;
    pending += wh;
    if (gaps.some(([a, b]) => e > a && e <= b)) continue;
    out.push([e, { avg: v, last: v, delta: pending }]);
    pending = 0;
  }
  return out;
}
