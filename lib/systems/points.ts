import "server-only";
import { ApiError, notFound } from "@/lib/api/errors";
import type { PointInfo } from "@/lib/db/schema";
import { clearLatestValues } from "@/lib/kv";
import { pathOfPoint } from "@/lib/points";
import type { PointSettings } from "./contracts";
import type { PointPatch } from "./fields";
import { findPointAlias, selectPoint, selectSystemPoints, updatePointRow } from "./store";

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
  const rows = await selectSystemPoints(systemId);
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
  const current = await selectPoint(systemId, pointId);
  if (!current) throw notFound("Point not found");

  const next = { ...current, ...patch };
  if (next.extension && !next.subtype) {
    throw new ApiError("BAD_REQUEST", "Invalid body: extension: An extension needs a subtype", {
      issues: [{ path: "extension", message: "An extension needs a subtype" }],
    });
  }
  if (patch.alias) {
    const clash = await findPointAlias(systemId, patch.alias);
    if (clash && clash.id !== pointId) {
      throw new ApiError("CONFLICT", `The point alias “${patch.alias}” is already used by “${clash.displayName}”`, {
        field: "alias",
      });
    }
  }
  try {
    await updatePointRow(systemId, pointId, patch, now.getTime());
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
  return toSettings((await selectPoint(systemId, pointId))!);
}
