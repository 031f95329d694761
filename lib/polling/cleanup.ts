import "server-only";
import { deleteExpiredSessions } from "@/lib/auth/store-sessions";
import { clearSessionResponsesBefore } from "@/lib/db/queries/sessions";
import { runRetention, type ArchiveSink, type RetentionOutcome } from "@/lib/retention";
import type { Retention } from "@/lib/retention/tiers";

const DAY_MS = 86_400_000;
/** Stored vendor responses are debugging aids: kept this many days, then dropped (the session row stays). */
export const SESSION_RESPONSE_DAYS = 30;

export interface CleanupResult {
  /** Raw readings older than the local day this many days back are candidates (nominal cutoff, ms UTC). */
  rawCutoffMs: number;
  rawDeleted: number;
  sessionCutoffMs: number;
  sessionResponsesCleared: number;
  /** Local sign-in sessions past their expiry, forgotten (they were already refused). */
  signInSessionsExpired: number;
  systems: number;
  /** Per retention tier: days kept, rows removed, rows and files archived first (lib/retention). */
  tiers: RetentionOutcome["tiers"];
  archive: string | null;
  durationMs: number;
}

/**
 * Weekly retention (lib/retention): each tier's rows past its retention (RAW_RETENTION_DAYS, RETENTION_*_DAYS)
 * are removed only where the next level has stored them, after they are archived when an archive is configured;
 * session responses older than 30 days are cleared; expired local sign-in sessions are forgotten.
 */
export async function runCleanup(
  options: { now?: Date; rawRetentionDays?: number; retention?: Partial<Retention>; sink?: ArchiveSink | null } = {},
): Promise<CleanupResult> {
  const t0 = performance.now();
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const retention = { ...options.retention };
  if (options.rawRetentionDays !== undefined) retention.raw = options.rawRetentionDays;
  const outcome = await runRetention({ now, retention, sink: options.sink });
  const sessionCutoffMs = nowMs - SESSION_RESPONSE_DAYS * DAY_MS;
  const sessionResponsesCleared = await clearSessionResponsesBefore(sessionCutoffMs);
  const signInSessionsExpired = await deleteExpiredSessions(nowMs);
  const result = {
    rawCutoffMs: nowMs - (outcome.tiers.raw.days ?? 0) * DAY_MS,
    rawDeleted: outcome.tiers.raw.removed,
    sessionCutoffMs,
    sessionResponsesCleared,
    signInSessionsExpired,
    systems: outcome.systems,
    tiers: outcome.tiers,
    archive: outcome.archive,
    durationMs: Math.round(performance.now() - t0),
  };
  console.info(JSON.stringify({ level: "info", message: "cleanup", ...result }));
  return result;
}
