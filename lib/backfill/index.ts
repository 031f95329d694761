import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getAdapter } from "@/lib/vendors";
import { historyOf } from "./run";
import { startBackfill } from "./start";
import { viewBackfill, type BackfillView } from "./status";
import { cancelBackfillJob, getBackfillJob } from "./store";

export { runBackfill, runDueBackfills, historyOf, type BackfillRunOptions, type BackfillRunResult } from "./run";
export { startBackfill, MAX_HISTORY_DAYS } from "./start";
export type { BackfillView } from "./status";

type BackfillSystem = { id: number; vendorType: string; vendorSiteId: string; displayTimezone: string };

/** What the settings panel shows: whether the vendor can import history, and the job (null if never started). */
export async function getBackfill(
  system: BackfillSystem,
  nowMs = Date.now(),
): Promise<{ available: boolean; job: BackfillView | null }> {
  const history = historyOf(getAdapter(system.vendorType));
  const job = await getBackfillJob(system.id);
  return { available: history !== null, job: job ? await viewBackfill(job, history, system, nowMs) : null };
}

/** "Import history from <day>": 400 for a vendor without history, 409 while a job is still under way. */
export async function requestBackfill(
  system: BackfillSystem,
  fromDay: string,
  requestedBy: string | null,
  nowMs = Date.now(),
): Promise<BackfillView> {
  const history = historyOf(getAdapter(system.vendorType));
  if (!history)
    throw new ApiError("BAD_REQUEST", "This system's vendor cannot give its past: there is no history to import");
  const current = await getBackfillJob(system.id);
  if (current && (current.status === "running" || current.status === "waiting")) {
    throw new ApiError("CONFLICT", "A history import is already under way: cancel it first to start another");
  }
  const job = await startBackfill(system, fromDay, requestedBy, nowMs);
  return viewBackfill(job, history, system, nowMs);
}

/** Cancels the system's import (rows already imported stay); null when there is none (cancelling twice is fine). */
export async function cancelBackfill(system: BackfillSystem, nowMs = Date.now()): Promise<BackfillView | null> {
  const job = await cancelBackfillJob(system.id, nowMs);
  return job ? viewBackfill(job, historyOf(getAdapter(system.vendorType)), system, nowMs) : null;
}
