import "server-only";
import { callsLeftForSystem, type QuotaWindow } from "@/lib/vendors/quota";
import type { HistoryCapability } from "@/lib/vendors/types";
import type { BackfillJobRow, BackfillStatus } from "./store";

const DAY_MS = 86_400_000;
/** The poll cron runs every minute and moves each job this many chunks (lib/backfill/run.ts default). */
const CHUNKS_PER_MINUTE = 2;

/** What the settings panel and the API show of a job: progress, calls left today, an estimated finish. */
export interface BackfillView {
  status: BackfillStatus;
  fromMs: number;
  toMs: number;
  cursorMs: number;
  /** Share of [from, to) imported, 0 … 1. */
  progress: number;
  rowsWritten: number;
  callsMade: number;
  /** Calls the backfill may still make today (its daily budget), and the calls it still needs in all. */
  callsLeftToday: number;
  callsNeeded: number;
  callsPerDay: number;
  /** When the job should end at this pace (ms UTC); null when it is not running. */
  estimatedFinishMs: number | null;
  nextRunMs: number | null;
  lastError: string | null;
  /** The vendor's own quota windows for this system, when it has one. */
  vendorQuota: QuotaWindow[] | null;
}

/** A job as shown to its owner, with the estimate of when it ends. */
export async function viewBackfill(
  job: BackfillJobRow,
  history: HistoryCapability<Record<string, unknown>> | null,
  system: { vendorType: string; vendorSiteId: string; displayTimezone: string },
  nowMs: number,
): Promise<BackfillView> {
  const dayMs = nowMs - (nowMs % DAY_MS);
  const perDay = history?.callsPerDay ?? 0;
  const callsLeftToday = Math.max(0, perDay - (job.callsDay === dayMs ? job.callsToday : 0));
  const callsNeeded = history ? chunksLeft(job, history, system.displayTimezone) * history.callsPerChunk : 0;
  const active = job.status === "running" || job.status === "waiting";
  return {
    status: job.status,
    fromMs: job.fromMs,
    toMs: job.toMs,
    cursorMs: job.cursorMs,
    progress: job.toMs > job.fromMs ? Math.min(1, (job.cursorMs - job.fromMs) / (job.toMs - job.fromMs)) : 1,
    rowsWritten: job.rowsWritten,
    callsMade: job.callsMade,
    callsLeftToday,
    callsNeeded,
    callsPerDay: perDay,
    estimatedFinishMs: active && history ? estimateFinish(callsNeeded, callsLeftToday, history, job, nowMs) : null,
    nextRunMs: active ? job.nextRunMs : null,
    lastError: job.lastError,
    vendorQuota: await callsLeftForSystem(system, new Date(nowMs)),
  };
}

function chunksLeft(job: BackfillJobRow, h: HistoryCapability<Record<string, unknown>>, zone: string): number {
  let n = 0;
  for (let c = job.cursorMs; c < job.toMs && n < 100_000; n++) c = Math.max(h.chunkEnd(c, zone), c + 300_000);
  return n;
}

/** Today's budget first (a few chunks a minute), then whole days of callsPerDay from the next UTC midnight. */
function estimateFinish(
  needed: number,
  leftToday: number,
  h: HistoryCapability<Record<string, unknown>>,
  job: BackfillJobRow,
  nowMs: number,
): number {
  const start = Math.max(nowMs, job.nextRunMs);
  const minutes = (calls: number) => Math.ceil(calls / h.callsPerChunk / CHUNKS_PER_MINUTE) * 60_000;
  if (needed <= leftToday) return start + minutes(needed);
  const rest = needed - leftToday;
  const days = Math.ceil(rest / Math.max(1, h.callsPerDay));
  const lastDay = rest - (days - 1) * h.callsPerDay;
  const nextMidnight = nowMs - (nowMs % DAY_MS) + DAY_MS;
  return nextMidnight + (days - 1) * DAY_MS + minutes(lastDay);
}
