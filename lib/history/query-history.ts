import "server-only";
import type { HistoryResponse } from "@/lib/api/contracts";
import { ApiError } from "@/lib/api/errors";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { getEnv } from "@/lib/env";
import { isVirtualVendor } from "@/lib/vendors";
import { chooseLevel, spanProblem } from "./levels";
import { queryPlainHistory, type HistoryRequest } from "./plain-history";

export { fieldFor, matchPoints, queryPlainHistory, type HistoryRequest } from "./plain-history";

/**
 * Time series for the matched points of the listed systems at one aggregation level (chosen automatically
 * unless given), one query per system (plus a read of the intervals still in progress, which are reduced on read
 * until they are stored). 400 when the span is too long for the level. Composite systems answer with their
 * synthetic series, computed from their sources (lib/composite; raw is served as 5m for them).
 */
export async function queryHistory(req: HistoryRequest): Promise<HistoryResponse> {
  const nowMs = req.nowMs ?? Date.now();
  const env = getEnv();
  const level =
    req.aggregation ??
    chooseLevel(req.startMs, req.endMs, nowMs, env.RAW_RETENTION_DAYS, {
      "5m": env.RETENTION_5M_DAYS,
      "30m": env.RETENTION_30M_DAYS,
    });
  const problem = spanProblem(level, req.startMs, req.endMs);
  if (problem) throw new ApiError("BAD_REQUEST", problem);

  const composites = await compositeIds(req.systems);
  const plain = req.systems.filter((s) => !composites.has(s.id));
  const response = await queryPlainHistory({ ...req, systems: plain, nowMs }, level);
  if (!composites.size) return response;
  // Loaded on demand so the poller and ingest never pull the composite layer in.
  const { queryCompositeHistory } = await import("@/lib/composite/history");
  const compositeLevel = level === "raw" ? "5m" : level;
  for (const s of req.systems.filter((x) => composites.has(x.id))) {
    response.series.push(...(await queryCompositeHistory(s.id, { ...req, nowMs, level: compositeLevel })));
  }
  if (!plain.length) response.aggregation = compositeLevel;
  return response;
}

async function compositeIds(systems: HistoryRequest["systems"]): Promise<Set<number>> {
  const unknown = systems.filter((s) => s.vendorType === undefined).map((s) => s.id);
  const looked = unknown.length ? await listPipelineSystems(unknown) : [];
  const types = new Map([
    ...systems.map((s) => [s.id, s.vendorType] as const),
    ...looked.map((s) => [s.id, s.vendorType] as const),
  ]);
  return new Set([...types].filter(([, t]) => isVirtualVendor(t)).map(([id]) => id));
}
