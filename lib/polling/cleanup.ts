import "server-only";
import { listSystemIdsWithPoints } from "@/lib/db/queries/points";
import { deleteAggregatedRawBefore } from "@/lib/db/queries/readings";
import { clearSessionResponsesBefore } from "@/lib/db/queries/sessions";
import { getEnv } from "@/lib/env";

const DAY_MS = 86_400_000;
/** Stored vendor responses are debugging aids: kept this many days, then dropped (the session row stays). */
export const SESSION_RESPONSE_DAYS = 30;

export interface CleanupResult {
  rawCutoffMs: number;
  rawDeleted: number;
  sessionCutoffMs: number;
  sessionResponsesCleared: number;
  systems: number;
  durationMs: number;
}

/**
 * Weekly retention: deletes raw readings older than RAW_RETENTION_DAYS, but only where their 5-minute
 * aggregate exists (nothing is lost that was never aggregated), and clears session responses older than 30 days.
 */
export async function runCleanup(options: { now?: Date; rawRetentionDays?: number } = {}): Promise<CleanupResult> {
  const t0 = performance.now();
  const nowMs = (options.now ?? new Date()).getTime();
  const rawCutoffMs = nowMs - (options.rawRetentionDays ?? getEnv().RAW_RETENTION_DAYS) * DAY_MS;
  const sessionCutoffMs = nowMs - SESSION_RESPONSE_DAYS * DAY_MS;
  const systems = await listSystemIdsWithPoints();
  let rawDeleted = 0;
  for (const id of systems) rawDeleted += await deleteAggregatedRawBefore(id, rawCutoffMs);
  const sessionResponsesCleared = await clearSessionResponsesBefore(sessionCutoffMs);
  const result = {
    rawCutoffMs,
    rawDeleted,
    sessionCutoffMs,
    sessionResponsesCleared,
    systems: systems.length,
    durationMs: Math.round(performance.now() - t0),
  };
  console.info(JSON.stringify({ level: "info", message: "cleanup", ...result }));
  return result;
}
