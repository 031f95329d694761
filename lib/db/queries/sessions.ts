import "server-only";
import { getDb } from "@/lib/db/client";
import type { SessionCause } from "@/lib/db/schema";

/** Opens a session row for a poll in progress (successful NULL until finished); returns its id. */
export async function startSession(input: {
  systemId: number;
  vendorType: string;
  cause: SessionCause;
  startedMs: number;
}): Promise<number> {
  const res = await getDb().$client.execute({
    sql:
      "INSERT INTO sessions (system_id, vendor_type, cause, started, duration, successful, num_rows, created_at) " +
      "VALUES (?, ?, ?, ?, 0, NULL, 0, ?) RETURNING id",
    args: [input.systemId, input.vendorType, input.cause, input.startedMs, Date.now()],
  });
  return Number(res.rows[0].id);
}

export interface SessionOutcome {
  durationMs: number;
  successful: boolean;
  errorCode?: string | null;
  error?: string | null;
  /** Already scrubbed and size-capped JSON text. */
  response?: string | null;
  numRows: number;
  sessionLabel?: string | null;
}

/** Records how a session ended. */
export async function finishSession(id: number, o: SessionOutcome): Promise<void> {
  await getDb().$client.execute({
    sql:
      "UPDATE sessions SET duration = ?, successful = ?, error_code = ?, error = ?, response = ?, num_rows = ?, " +
      "session_label = ? WHERE id = ?",
    args: [
      Math.max(0, Math.round(o.durationMs)),
      o.successful ? 1 : 0,
      o.errorCode ?? null,
      o.error ?? null,
      o.response ?? null,
      o.numRows,
      o.sessionLabel ?? null,
      id,
    ],
  });
}

/** Drops stored vendor responses of sessions started before `beforeMs` (the rows stay); returns how many. */
export async function clearSessionResponsesBefore(beforeMs: number): Promise<number> {
  const res = await getDb().$client.execute({
    sql: "UPDATE sessions SET response = NULL WHERE started < ? AND response IS NOT NULL",
    args: [beforeMs],
  });
  return res.rowsAffected;
}
