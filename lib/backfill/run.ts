import "server-only";
import { loadPollTargets } from "@/lib/db/queries/polling";
import { ingestFetchResult } from "@/lib/ingest";
import { openCredentials } from "@/lib/polling/credentials";
import { classifyError } from "@/lib/polling/run-fetch";
import { getAdapter } from "@/lib/vendors";
import type { AdapterContext, HistoryCapability, VendorAdapter } from "@/lib/vendors/types";
import { dueBackfillJobs, getBackfillJob, leaseBackfillJob, saveBackfillProgress, type BackfillStatus } from "./store";

const DAY_MS = 86_400_000;
const LEASE_MS = 5 * 60_000;
/** After a vendor failure that may pass (timeout, 5xx, maintenance) the job tries again this much later. */
export const BACKFILL_RETRY_MS = 15 * 60_000;
const PERMANENT = new Set(["AUTH_FAILED", "CONFIG", "INTERNAL"]);

export interface BackfillRunOptions {
  now?: Date;
  /** Chunks one job may fetch in this run (default 2: a poll cron's run stays short). */
  maxChunks?: number;
  /** Adapter lookup (tests); default the vendor registry. */
  resolveAdapter?: (vendorType: string) => VendorAdapter | undefined;
  /** performance.now() after which no further chunk starts (the cron's time is shared with its polls). */
  deadline?: number;
}

export interface BackfillRunResult {
  systemId: number;
  status: BackfillStatus | "leased";
  chunks: number;
  rowsWritten: number;
  error?: string;
}

/** The history capability of a system's vendor, or null (lib/vendors adapters declare it). */
export function historyOf(adapter: VendorAdapter | undefined): HistoryCapability<Record<string, unknown>> | null {
  return adapter && adapter.mode === "poll" && adapter.history ? adapter.history : null;
}

/**
 * Runs every due job a few chunks further (called by the poll cron after its polls), one job at a time, starting
 * no chunk after about 20 s (each job still moves at least one chunk when it gets its turn).
 */
export async function runDueBackfills(
  options: BackfillRunOptions & { maxJobs?: number } = {},
): Promise<BackfillRunResult[]> {
  const nowMs = (options.now ?? new Date()).getTime();
  const deadline = options.deadline ?? performance.now() + 20_000;
  const out: BackfillRunResult[] = [];
  for (const id of await dueBackfillJobs(nowMs, options.maxJobs ?? 5)) {
    if (performance.now() > deadline) break;
    out.push(await runBackfill(id, { ...options, deadline }));
  }
  return out;
}

/**
 * Imports the next chunks of one system's history: each chunk's intervals are stored with quality `backfilled`
 * (they never replace what a poll stored) and the cursor moves past it, so a stop anywhere resumes at the next
 * chunk. Stops for the day when the vendor's daily backfill budget is spent or its quota refuses a call.
 */
export async function runBackfill(systemId: number, options: BackfillRunOptions = {}): Promise<BackfillRunResult> {
  const nowMs = (options.now ?? new Date()).getTime();
  if (!(await leaseBackfillJob(systemId, nowMs, nowMs + LEASE_MS))) {
    return { systemId, status: "leased", chunks: 0, rowsWritten: 0 };
  }
  const job = (await getBackfillJob(systemId))!;
  const dayMs = nowMs - (nowMs % DAY_MS);
  let callsToday = job.callsDay === dayMs ? job.callsToday : 0;
  let { cursorMs, callsMade, rowsWritten } = job;
  let chunks = 0;
  const finish = async (status: BackfillStatus, nextRunMs: number, lastError: string | null) => {
    await saveBackfillProgress(systemId, {
      status,
      cursorMs,
      callsMade,
      callsToday,
      callsDay: dayMs,
      rowsWritten,
      nextRunMs,
      lastError,
      leaseUntil: null,
      updatedAt: nowMs,
    });
    return { systemId, status, chunks, rowsWritten, ...(lastError ? { error: lastError } : {}) };
  };

  const [target] = await loadPollTargets([systemId]);
  const adapter = target ? (options.resolveAdapter ?? getAdapter)(target.system.vendorType) : undefined;
  const history = historyOf(adapter);
  if (!target || !adapter || !history) return finish("failed", nowMs, "This system's vendor cannot import history");
  let ctx: AdapterContext;
  try {
    const { credentials, state } = openCredentials(adapter, target.credentials, target.state, systemId);
    ctx = { system: target.system as unknown as AdapterContext["system"], credentials, state, now: new Date(nowMs) };
  } catch (err) {
    return finish("failed", nowMs, classifyError(err).message);
  }
  const zone = target.system.displayTimezone;

  while (cursorMs < job.toMs && chunks < (options.maxChunks ?? 2)) {
    if (chunks > 0 && options.deadline !== undefined && performance.now() > options.deadline) break;
    if (callsToday + history.callsPerChunk > history.callsPerDay) return finish("waiting", dayMs + DAY_MS, null);
    const endMs = Math.min(Math.max(history.chunkEnd(cursorMs, zone), cursorMs + 300_000), job.toMs);
    let intervals;
    try {
      ({ intervals } = await history.fetchHistory(ctx, cursorMs, endMs));
    } catch (err) {
      const e = classifyError(err);
      if (e.code === "RATE_LIMITED") return finish("waiting", nowMs + Math.max(60_000, e.retryAfterMs ?? 0), e.message);
      if (PERMANENT.has(e.code)) return finish("failed", nowMs, e.message);
      callsToday += 1;
      callsMade += 1;
      return finish("waiting", nowMs + BACKFILL_RETRY_MS, e.message);
    }
    callsToday += history.callsPerChunk;
    callsMade += history.callsPerChunk;
    const from = cursorMs;
    const kept = intervals
      .filter((i) => i.intervalEndMs > from && i.intervalEndMs <= endMs)
      .map((i) => ({ ...i, quality: "backfilled" }));
    const stored = await ingestFetchResult(
      target.system,
      { readings: [], intervals: kept },
      { sessionId: null, receivedMs: nowMs, cacheLatest: false },
    );
    rowsWritten += stored.intervalsWritten;
    cursorMs = endMs;
    chunks += 1;
    // Progress after every chunk: a crash repeats at most this chunk, which writes the same rows again.
    await saveBackfillProgress(systemId, {
      cursorMs,
      callsMade,
      callsToday,
      callsDay: dayMs,
      rowsWritten,
      updatedAt: nowMs,
    });
  }
  return cursorMs >= job.toMs ? finish("done", nowMs, null) : finish("running", nowMs, null);
}
