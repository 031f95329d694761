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

/** A system with its polling state and encrypted credentials (vendor_credentials), as one poll needs it. */
export type PollTarget = PollCandidate & { credentials: string | null; state: string | null };

/** Systems (any status) with their polling state and encrypted credentials, in the order asked; null if absent. */
export async function loadPollTargets(systemIds: number[]): Promise<Array<PollTarget | null>> {
  const unique = [...new Set(systemIds)];
  if (!unique.length) return [];
  const res = await getDb().$client.execute({
    sql:
      "SELECT s.*, p.last_poll_time, p.next_poll_at, p.consecutive_errors, p.lease_until, " +
      "c.credentials AS enc_credentials, c.state AS enc_state FROM systems s " +
      "LEFT JOIN polling_status p ON p.system_id = s.id LEFT JOIN vendor_credentials c ON c.system_id = s.id " +
      `WHERE s.id IN (${unique.map(() => "?").join(",")})`,
    args: unique,
  });
  const byId = new Map<number, PollTarget>();
  for (const r of res.rows) {
    byId.set(Number(r.id), {
      system: toPipelineSystem(r as unknown as Record<string, unknown>),
      lastPollMs: num(r.last_poll_time),
      nextPollAtMs: num(r.next_poll_at),
      consecutiveErrors: Number(r.consecutive_errors ?? 0),
      leaseUntilMs: num(r.lease_until),
      credentials: r.enc_credentials === null ? null : String(r.enc_credentials),
      state: r.enc_state === null ? null : String(r.enc_state),
    });
  }
  return systemIds.map((id) => byId.get(id) ?? null);
}

/** One system with its polling state and encrypted credentials, any status. */
export async function loadPollTarget(systemId: number): Promise<PollTarget | null> {
  return (await loadPollTargets([systemId]))[0];
}

export interface PollStatusUpdate {
  nowMs: number;
  successful: boolean;
  error?: string | null;
  errorCode?: string | null;
  nextPollAtMs: number | null;
}

/** Stores new encrypted vendor session state (null clears it). */
export async function saveVendorState(systemId: number, encryptedState: string | null): Promise<void> {
  await getDb().$client.execute({
    sql: "UPDATE vendor_credentials SET state = ?, updated_at = ? WHERE system_id = ?",
    args: [encryptedState, Date.now(), systemId],
  });
}
