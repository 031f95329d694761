import "server-only";
import { getDb } from "@/lib/db/client";
import { toPipelineSystem, type PipelineSystem } from "./systems";

/** A system with its polling state, as the poller sees it. */
export interface PollCandidate {
  system: PipelineSystem;
  lastPollMs: number | null;
  nextPollAtMs: number | null;
  consecutiveErrors: number;
  leaseUntilMs: number | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Active systems (optionally some ids), least recently polled first (never-polled first of all). */
export async function listPollCandidates(systemIds?: number[]): Promise<PollCandidate[]> {
  const filter = systemIds ? `AND s.id IN (${systemIds.map(() => "?").join(",") || "NULL"})` : "";
  const res = await getDb().$client.execute({
    sql:
      "SELECT s.*, p.last_poll_time, p.next_poll_at, p.consecutive_errors, p.lease_until FROM systems s " +
      `LEFT JOIN polling_status p ON p.system_id = s.id WHERE s.status = 'active' ${filter} ` +
      "ORDER BY p.last_poll_time IS NOT NULL, p.last_poll_time, s.id",
    args: systemIds ?? [],
  });
  return res.rows.map((r) => ({
    system: toPipelineSystem(r as unknown as Record<string, unknown>),
    lastPollMs: num(r.last_poll_time),
    nextPollAtMs: num(r.next_poll_at),
    consecutiveErrors: Number(r.consecutive_errors ?? 0),
    leaseUntilMs: num(r.lease_until),
  }));
}

/** One system with its polling state and encrypted credentials, any status. */
export async function loadPollTarget(
  systemId: number,
): Promise<(PollCandidate & { credentials: string | null; state: string | null }) | null> {
  const res = await getDb().$client.execute({
    sql:
      "SELECT s.*, p.last_poll_time, p.next_poll_at, p.consecutive_errors, p.lease_until, " +
      "c.credentials AS enc_credentials, c.state AS enc_state FROM systems s " +
      "LEFT JOIN polling_status p ON p.system_id = s.id LEFT JOIN vendor_credentials c ON c.system_id = s.id " +
      "WHERE s.id = ?",
    args: [systemId],
  });
  const r = res.rows[0];
  if (!r) return null;
  return {
    system: toPipelineSystem(r as unknown as Record<string, unknown>),
    lastPollMs: num(r.last_poll_time),
    nextPollAtMs: num(r.next_poll_at),
    consecutiveErrors: Number(r.consecutive_errors ?? 0),
    leaseUntilMs: num(r.lease_until),
    credentials: r.enc_credentials === null ? null : String(r.enc_credentials),
    state: r.enc_state === null ? null : String(r.enc_state),
  };
}

/**
 * Takes the poll lease of a system with one conditional UPDATE (creating its polling_status row first), so two
 * overlapping runs never poll the same system. Lease times are wall-clock ms. Returns whether we got it.
 */
export async function takeLease(systemId: number, owner: string, wallNowMs: number, ttlMs: number): Promise<boolean> {
  const db = getDb().$client;
  await db.execute({
    sql: "INSERT INTO polling_status (system_id, updated_at) VALUES (?, ?) ON CONFLICT (system_id) DO NOTHING",
    args: [systemId, wallNowMs],
  });
  const res = await db.execute({
    sql:
      "UPDATE polling_status SET lease_owner = ?, lease_until = ? WHERE system_id = ? " +
      "AND (lease_until IS NULL OR lease_until < ?) RETURNING system_id",
    args: [owner, wallNowMs + ttlMs, systemId, wallNowMs],
  });
  return res.rows.length === 1;
}

export interface PollStatusUpdate {
  nowMs: number;
  successful: boolean;
  error?: string | null;
  errorCode?: string | null;
  nextPollAtMs: number | null;
}

/**
 * Records a poll's outcome on polling_status and releases our lease in the same statement. Times never move
 * backwards, so a back-fill at a past `now` leaves the live "last poll" alone.
 */
export async function recordPollOutcome(systemId: number, owner: string, u: PollStatusUpdate): Promise<void> {
  const ok = u.successful ? 1 : 0;
  await getDb().$client.execute({
    sql:
      "UPDATE polling_status SET last_poll_time = MAX(COALESCE(last_poll_time, 0), ?), " +
      "last_success_time = CASE WHEN ? THEN MAX(COALESCE(last_success_time, 0), ?) ELSE last_success_time END, " +
      "last_error_time = CASE WHEN ? THEN last_error_time ELSE MAX(COALESCE(last_error_time, 0), ?) END, " +
      "last_error = CASE WHEN ? THEN last_error ELSE ? END, " +
      "last_error_code = CASE WHEN ? THEN last_error_code ELSE ? END, " +
      "consecutive_errors = CASE WHEN ? THEN 0 ELSE consecutive_errors + 1 END, " +
      "total_polls = total_polls + 1, successful_polls = successful_polls + ?, next_poll_at = ?, updated_at = ?, " +
      "lease_owner = CASE WHEN lease_owner = ? THEN NULL ELSE lease_owner END, " +
      "lease_until = CASE WHEN lease_owner = ? THEN NULL ELSE lease_until END WHERE system_id = ?",
    args: [u.nowMs, ok, u.nowMs, ok, u.nowMs, ok, u.error ?? null, ok, u.errorCode ?? null, ok, ok].concat([
      u.nextPollAtMs,
      Date.now(),
      owner,
      owner,
      systemId,
    ]),
  });
}

/** Releases our lease without recording a poll (a run that gave up before polling). */
export async function releaseLease(systemId: number, owner: string): Promise<void> {
  await getDb().$client.execute({
    sql: "UPDATE polling_status SET lease_owner = NULL, lease_until = NULL WHERE system_id = ? AND lease_owner = ?",
    args: [systemId, owner],
  });
}

/** Stores new encrypted vendor session state (null clears it). */
export async function saveVendorState(systemId: number, encryptedState: string | null): Promise<void> {
  await getDb().$client.execute({
    sql: "UPDATE vendor_credentials SET state = ?, updated_at = ? WHERE system_id = ?",
    args: [encryptedState, Date.now(), systemId],
  });
}
