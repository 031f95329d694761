import "server-only";
import { getDb } from "@/lib/db/client";

/** A system's stored credentials and vendor state, still encrypted. */
export interface SealedCredentials {
  systemId: number;
  credentials: string | null;
  state: string | null;
}

/**
 * The sealed credentials of every system of `vendorType` whose credentials have the same owner as `systemId`'s
 * (the systems one vendor sign-in may share a grant with).
 */
export async function sealedCredentialsOfSameOwner(systemId: number, vendorType: string): Promise<SealedCredentials[]> {
  const res = await getDb().$client.execute({
    sql:
      "SELECT c.system_id, c.credentials, c.state FROM vendor_credentials c JOIN systems s ON s.id = c.system_id " +
      "WHERE s.vendor_type = ? AND c.owner_user_id = (SELECT owner_user_id FROM vendor_credentials WHERE system_id = ?)",
    args: [vendorType, systemId],
  });
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  return res.rows.map((r) => ({
    systemId: Number(r.system_id),
    credentials: text(r.credentials),
    state: text(r.state),
  }));
}

/** Stores the same sealed vendor state on each of `systemIds`, in one write batch. */
export async function saveSealedState(systemIds: number[], sealedState: string, nowMs: number): Promise<void> {
  if (!systemIds.length) return;
  await getDb().$client.batch(
    systemIds.map((id) => ({
      sql: "UPDATE vendor_credentials SET state = ?, updated_at = ? WHERE system_id = ?",
      args: [sealedState, nowMs, id],
    })),
    "write",
  );
}

/** Stores a sealed vendor state per system (each its own), all in one write batch: all or none. */
export async function saveSealedStates(
  entries: Array<{ systemId: number; sealedState: string }>,
  nowMs: number,
): Promise<void> {
  if (!entries.length) return;
  await getDb().$client.batch(
    entries.map((e) => ({
      sql: "UPDATE vendor_credentials SET state = ?, updated_at = ? WHERE system_id = ?",
      args: [e.sealedState, nowMs, e.systemId],
    })),
    "write",
  );
}
