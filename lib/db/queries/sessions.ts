import "server-only";
import { getDb } from "@/lib/db/client";

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

/** Drops stored vendor responses of sessions started before `beforeMs` (the rows stay); returns how many. */
export async function clearSessionResponsesBefore(beforeMs: number): Promise<number> {
  const res = await getDb().$client.execute({
    sql: "UPDATE sessions SET response = NULL WHERE started < ? AND response IS NOT NULL",
    args: [beforeMs],
  });
  return res.rowsAffected;
}
