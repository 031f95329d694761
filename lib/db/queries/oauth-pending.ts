import "server-only";
import { getDb } from "@/lib/db/client";

/** Stores an (encrypted) pending grant and drops the expired ones, in one write batch. */
export async function insertOAuthPending(row: {
  id: string;
  userId: string;
  vendor: string;
  payload: string;
  expiresAtMs: number;
  nowMs: number;
}): Promise<void> {
  await getDb().$client.batch(
    [
      { sql: "DELETE FROM oauth_pending WHERE expires_at < ?", args: [row.nowMs] },
      {
        sql: "INSERT INTO oauth_pending (id, user_id, vendor, payload, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        args: [row.id, row.userId, row.vendor, row.payload, row.expiresAtMs, row.nowMs],
      },
    ],
    "write",
  );
}

/** The payload of a pending grant of `userId` for `vendor` that has not expired at `nowMs`, or null. */
export async function findOAuthPending(
  id: string,
  userId: string,
  vendor: string,
  nowMs: number,
): Promise<string | null> {
  const res = await getDb().$client.execute({
    sql: "SELECT payload FROM oauth_pending WHERE id = ? AND user_id = ? AND vendor = ? AND expires_at >= ?",
    args: [id, userId, vendor, nowMs],
  });
  return res.rows[0] ? String(res.rows[0].payload) : null;
}

/** Forgets a grant. */
export async function deleteOAuthPending(id: string): Promise<void> {
  await getDb().$client.execute({ sql: "DELETE FROM oauth_pending WHERE id = ?", args: [id] });
}
