import "server-only";
import type { InStatement, InValue } from "@libsql/client";
import { getDb } from "@/lib/db/client";
import { loadPollTargets, type PollStatusUpdate, type PollTarget } from "@/lib/db/queries/polling";
import type { SessionOutcome } from "@/lib/db/queries/sessions";
import type { SessionCause } from "@/lib/db/schema";
import { coalesce } from "@/lib/db/coalesce";

/*
 * The bookkeeping writes of every poll, push and connection test — session rows and polling_status — merged across
 * the callers that reach the same step in one event-loop turn: a run of thousands of polls issues a few multi-row
 * statements per turn instead of six per poll. This is the only writer of those rows.
 */

/** loadPollTargets of every poll reaching this step in the same turn, in one query. */
const targetsMerged = coalesce<number, PollTarget | null>(loadPollTargets);

/** loadPollTarget, merged: one system with its polling state and encrypted credentials, or null. */
export async function loadTarget(systemId: number): Promise<PollTarget | null> {
  return (await targetsMerged([systemId]))[0];
}

type LeaseItem = { systemId: number; owner: string; nowMs: number; untilMs: number };

const leasesMerged = coalesce<LeaseItem, boolean>(async (items) => {
  // Sequential semantics: a second request for the same system in this turn finds the lease taken.
  const first = new Map<number, number>();
  items.forEach((it, i) => first.has(it.systemId) || first.set(it.systemId, i));
  const eligible = [...first.values()].map((i) => items[i]);
  const statements: InStatement[] = [];
  for (let s = 0; s < eligible.length; s += 200) {
    const part = eligible.slice(s, s + 200);
    statements.push({
      sql:
        `INSERT INTO polling_status (system_id, updated_at) VALUES ${part.map(() => "(?,?)").join(",")} ` +
        "ON CONFLICT (system_id) DO NOTHING",
      args: part.flatMap((it) => [it.systemId, it.nowMs]),
    });
    statements.push({
      sql:
        "UPDATE polling_status SET lease_owner = v.column2, lease_until = v.column3 " +
        `FROM (VALUES ${part.map(() => "(?,?,?,?)").join(",")}) AS v WHERE polling_status.system_id = v.column1 ` +
        "AND (polling_status.lease_until IS NULL OR polling_status.lease_until < v.column4) " +
        "RETURNING polling_status.system_id",
      args: part.flatMap((it) => [it.systemId, it.owner, it.untilMs, it.nowMs]),
    });
  }
  const results = await getDb().$client.batch(statements, "write");
  const won = new Set<number>();
  for (const res of results) for (const r of res.rows) won.add(Number(r.system_id));
  return items.map((it, i) => first.get(it.systemId) === i && won.has(it.systemId));
});

/** takeLease, merged: one conditional UPDATE per 200 systems; true when this caller got the lease. */
export async function takeLeaseMerged(systemId: number, owner: string, wallNowMs: number, ttlMs: number) {
  return (await leasesMerged([{ systemId, owner, nowMs: wallNowMs, untilMs: wallNowMs + ttlMs }]))[0];
}

type SessionItem = { systemId: number; vendorType: string; cause: SessionCause; startedMs: number };

const sessionsMerged = coalesce<SessionItem, number>(async (items) => {
  const now = Date.now();
  const statements: InStatement[] = [];
  for (let s = 0; s < items.length; s += 200) {
    const part = items.slice(s, s + 200);
    statements.push({
      sql:
        "INSERT INTO sessions (system_id, vendor_type, cause, started, duration, successful, num_rows, created_at) " +
        `VALUES ${part.map(() => "(?,?,?,?,0,NULL,0,?)").join(",")} RETURNING id, system_id`,
      args: part.flatMap((it) => [it.systemId, it.vendorType, it.cause, it.startedMs, now]),
    });
  }
  // One transaction: a failed merge leaves no half-opened sessions behind before each call is retried alone.
  const ids = new Map<number, number[]>();
  for (const res of await getDb().$client.batch(statements, "write")) {
    for (const r of res.rows) {
      const sid = Number(r.system_id);
      if (!ids.has(sid)) ids.set(sid, []);
      ids.get(sid)!.push(Number(r.id));
    }
  }
  // AUTOINCREMENT ids follow VALUES order, so a system's ids in ascending order match its items in order.
  for (const list of ids.values()) list.sort((a, b) => a - b);
  return items.map((it) => ids.get(it.systemId)!.shift()!);
});

/** startSession, merged: opens a session row for a poll in progress; returns its id. */
export async function startSessionMerged(input: SessionItem): Promise<number> {
  return (await sessionsMerged([input]))[0];
}

type FinishItem = {
  sessionId: number;
  session: SessionOutcome;
  systemId: number;
  /** The poll's outcome for polling_status (releasing `owner`'s lease); absent for a session-only finish. */
  owner?: string;
  status?: PollStatusUpdate;
};

const finishMerged = coalesce<FinishItem, null>(async (items) => {
  const statements: InStatement[] = [];
  const now = Date.now();
  for (let s = 0; s < items.length; s += 200) {
    const part = items.slice(s, s + 200);
    const args: InValue[] = [];
    for (const { sessionId: id, session: o } of part) {
      args.push(id, Math.max(0, Math.round(o.durationMs)), o.successful ? 1 : 0, o.errorCode ?? null, o.error ?? null);
      args.push(o.response ?? null, o.numRows, o.sessionLabel ?? null);
    }
    statements.push({
      sql:
        "UPDATE sessions SET duration = v.column2, successful = v.column3, error_code = v.column4, error = v.column5, " +
        "response = v.column6, num_rows = v.column7, session_label = v.column8 " +
        `FROM (VALUES ${part.map(() => "(?,?,?,?,?,?,?,?)").join(",")}) AS v WHERE sessions.id = v.column1`,
      args,
    });
  }
  // polling_status: one row per system per statement (an UPDATE … FROM applies one source row per target row).
  for (const round of uniqueRounds(items.filter((i) => i.status))) {
    for (let s = 0; s < round.length; s += 200) statements.push(statusStatement(round.slice(s, s + 200), now));
  }
  await getDb().$client.batch(statements, "write");
  return items.map(() => null);
});

/** Finishes a poll's session and records its outcome on polling_status (lease released), merged with others. */
export async function finishPoll(item: FinishItem): Promise<void> {
  await finishMerged([item]);
}

/** Finishes a session that has no poll outcome (an admin connection test). */
export async function finishSessionOnly(sessionId: number, session: SessionOutcome): Promise<void> {
  await finishMerged([{ sessionId, session, systemId: 0 }]);
}

function uniqueRounds(items: FinishItem[]): FinishItem[][] {
  const rounds: FinishItem[][] = [];
  const seen: Array<Set<number>> = [];
  for (const it of items) {
    let k = seen.findIndex((s) => !s.has(it.systemId));
    if (k < 0) {
      k = rounds.length;
      rounds.push([]);
      seen.push(new Set());
    }
    rounds[k].push(it);
    seen[k].add(it.systemId);
  }
  return rounds;
}

/** recordPollOutcome's UPDATE with one VALUES row per system (times never move backwards; our lease released). */
function statusStatement(part: FinishItem[], now: number): InStatement {
  const args: InValue[] = [];
  for (const { systemId, owner = "", status } of part) {
    const u = status!;
    args.push(systemId, u.nowMs, u.successful ? 1 : 0, u.error ?? null, u.errorCode ?? null, u.nextPollAtMs, owner);
  }
  return {
    sql:
      "UPDATE polling_status SET last_poll_time = MAX(COALESCE(last_poll_time, 0), v.column2), " +
      "last_success_time = CASE WHEN v.column3 THEN MAX(COALESCE(last_success_time, 0), v.column2) ELSE last_success_time END, " +
      "last_error_time = CASE WHEN v.column3 THEN last_error_time ELSE MAX(COALESCE(last_error_time, 0), v.column2) END, " +
      "last_error = CASE WHEN v.column3 THEN last_error ELSE v.column4 END, " +
      "last_error_code = CASE WHEN v.column3 THEN last_error_code ELSE v.column5 END, " +
      "consecutive_errors = CASE WHEN v.column3 THEN 0 ELSE consecutive_errors + 1 END, " +
      "total_polls = total_polls + 1, successful_polls = successful_polls + v.column3, next_poll_at = v.column6, " +
      `updated_at = ${now}, ` +
      "lease_owner = CASE WHEN lease_owner = v.column7 THEN NULL ELSE lease_owner END, " +
      "lease_until = CASE WHEN lease_owner = v.column7 THEN NULL ELSE lease_until END " +
      `FROM (VALUES ${part.map(() => "(?,?,?,?,?,?,?)").join(",")}) AS v WHERE polling_status.system_id = v.column1`,
    args,
  };
}

/** How old a session still open (successful NULL) must be before it counts as abandoned: past any poll's lease. */
export const ABANDONED_SESSION_MS = 10 * 60_000;

/**
 * Closes, as failed with code INTERRUPTED, every session left open by a run that died mid-poll (killed, or its
 * function timed out): one statement on the (successful, started) index, safe when two runs do it at once.
 * Returns how many it closed.
 */
export async function closeAbandonedSessions(nowMs: number): Promise<number> {
  const res = await getDb().$client.execute({
    sql:
      "UPDATE sessions SET successful = 0, error_code = 'INTERRUPTED', " +
      "error = 'The run polling this system stopped before it finished (killed or timed out); nothing of it was lost twice', " +
      "duration = MAX(0, ? - started) WHERE successful IS NULL AND started < ?",
    args: [nowMs, nowMs - ABANDONED_SESSION_MS],
  });
  return res.rowsAffected;
}
