import "server-only";
import { and, eq, inArray, isNull, lte, or, lt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { backfillJobs, type BackfillJobRow, type BackfillStatus } from "@/lib/db/schema";

export type { BackfillJobRow, BackfillStatus };

/** The system's backfill job, or null when none was ever started. */
export async function getBackfillJob(systemId: number): Promise<BackfillJobRow | null> {
  const rows = await getDb().select().from(backfillJobs).where(eq(backfillJobs.systemId, systemId)).limit(1);
  return rows[0] ?? null;
}

/** Starts (or restarts, replacing a finished or cancelled one) the job of a system. */
export async function putBackfillJob(job: {
  systemId: number;
  fromMs: number;
  toMs: number;
  requestedBy: string | null;
  nowMs: number;
}): Promise<BackfillJobRow> {
  const row = {
    systemId: job.systemId,
    status: "running" as const,
    fromMs: job.fromMs,
    toMs: job.toMs,
    cursorMs: job.fromMs,
    callsMade: 0,
    callsToday: 0,
    callsDay: 0,
    rowsWritten: 0,
    nextRunMs: job.nowMs,
    lastError: null,
    leaseUntil: null,
    requestedBy: job.requestedBy,
    createdAt: job.nowMs,
    updatedAt: job.nowMs,
  };
  const { systemId, createdAt: _c, ...update } = row;
  void _c;
  await getDb().insert(backfillJobs).values(row).onConflictDoUpdate({ target: backfillJobs.systemId, set: update });
  return (await getBackfillJob(systemId))!;
}

/** Systems whose job may run now (running or waiting, due, not leased by another run). */
export async function dueBackfillJobs(nowMs: number, limit: number): Promise<number[]> {
  const rows = await getDb()
    .select({ systemId: backfillJobs.systemId })
    .from(backfillJobs)
    .where(
      and(
        inArray(backfillJobs.status, ["running", "waiting"]),
        lte(backfillJobs.nextRunMs, nowMs),
        or(isNull(backfillJobs.leaseUntil), lt(backfillJobs.leaseUntil, nowMs)),
      ),
    )
    .orderBy(backfillJobs.nextRunMs)
    .limit(limit);
  return rows.map((r) => r.systemId);
}

/** Takes the job's lease until untilMs; false when another run holds it. */
export async function leaseBackfillJob(systemId: number, nowMs: number, untilMs: number): Promise<boolean> {
  const res = await getDb()
    .update(backfillJobs)
    .set({ leaseUntil: untilMs })
    .where(
      and(
        eq(backfillJobs.systemId, systemId),
        inArray(backfillJobs.status, ["running", "waiting"]),
        or(isNull(backfillJobs.leaseUntil), lt(backfillJobs.leaseUntil, nowMs)),
      ),
    )
    .returning({ systemId: backfillJobs.systemId });
  return res.length > 0;
}

/** Writes a job's progress (the lease stays unless `leaseUntil: null` is given). */
export async function saveBackfillProgress(
  systemId: number,
  patch: Partial<Omit<BackfillJobRow, "systemId" | "createdAt">> & { updatedAt: number },
): Promise<void> {
  await getDb().update(backfillJobs).set(patch).where(eq(backfillJobs.systemId, systemId));
}

/** Cancels a running or waiting job; returns the job as it now is (null when there is none). */
export async function cancelBackfillJob(systemId: number, nowMs: number): Promise<BackfillJobRow | null> {
  await getDb()
    .update(backfillJobs)
    .set({ status: "cancelled", leaseUntil: null, updatedAt: nowMs })
    .where(and(eq(backfillJobs.systemId, systemId), inArray(backfillJobs.status, ["running", "waiting"])));
  return getBackfillJob(systemId);
}
