import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { ApiError, notFound } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { pointInfo, type PointInfo } from "@/lib/db/schema";
import { clearLatestValues } from "@/lib/kv";
import { pathOfPoint } from "@/lib/points";
import type { PointSettings } from "./contracts";
import type { PointPatch } from "./fields";

function toSettings(p: PointInfo): PointSettings {
  return {
    id: p.id,
    originId: p.originId,
    originSubId: p.originSubId,
    pointName: p.pointName,
    displayName: p.displayName,
    alias: p.alias,
    subsystem: p.subsystem,
    type: p.type,
    subtype: p.subtype,
    extension: p.extension,
    metricType: p.metricType,
    unit: p.metricUnit,
    path: pathOfPoint(p),
    active: p.active,
    transform: p.transform,
    updatedAtMs: p.updatedAt,
  };
}

/** Every point of a system (active or not), by id. */
export async function listSystemPoints(systemId: number): Promise<PointSettings[]> {
  const rows = await getDb()
    .select()
    .from(pointInfo)
    .where(eq(pointInfo.systemId, systemId))
    .orderBy(asc(pointInfo.id));
  return rows.map(toSettings);
}

/**
 * Edits one existing point (never creates one: ingest creates points with ON CONFLICT DO NOTHING, so these edits
 * survive later polls). 404 for an unknown point, 409 for an alias already used in the system, 400 for an extension
 * without a subtype. Cached latest values are dropped when the point's path, sign or visibility changes.
 */
export async function updatePoint(
  systemId: number,
  pointId: number,
  patch: PointPatch,
  now = new Date(),
): Promise<PointSettings> {
  const db = getDb();
  const where = and(eq(pointInfo.systemId, systemId), eq(pointInfo.id, pointId));
  const [current] = await db.select().from(pointInfo).where(where).limit(1);
  if (!current) throw notFound("Point not found");

  const next = { ...current, ...patch };
  if (next.extension && !next.subtype) {
    throw new ApiError("BAD_REQUEST", "Invalid body: extension: An extension needs a subtype", {
      issues: [{ path: "extension", message: "An extension needs a subtype" }],
    });
  }
  if (patch.alias) {
    const [clash] = await db
      .select({ id: pointInfo.id, displayName: pointInfo.displayName })
      .from(pointInfo)
      .where(and(eq(pointInfo.systemId, systemId), eq(pointInfo.alias, patch.alias)))
      .limit(1);
    if (clash && clash.id !== pointId) {
      throw new ApiError("CONFLICT", `The point alias “${patch.alias}” is already used by “${clash.displayName}”`, {
        field: "alias",
      });
    }
  }
  try {
    await db
      .update(pointInfo)
      .set({ ...patch, updatedAt: now.getTime() })
      .where(where);
  } catch (err) {
    if (/UNIQUE constraint failed: point_info\.system_id, point_info\.alias/.test(String(err))) {
      throw new ApiError("CONFLICT", `The point alias “${patch.alias}” is already used`, { field: "alias" });
    }
    throw err;
  }
  const reshaped = (["type", "subtype", "extension", "transform", "active"] as const).some(
    (k) => patch[k] !== undefined && patch[k] !== current[k],
  );
  if (reshaped) await clearLatestValues(systemId);
  const [updated] = await db.select().from(pointInfo).where(where).limit(1);
  return toSettings(updated);
}
