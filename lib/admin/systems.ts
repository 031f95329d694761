import "server-only";
import { eq } from "drizzle-orm";
import { notFound } from "@/lib/api/errors";
import { parseCompositeMetadata, sourceIdsOf } from "@/lib/composite/metadata";
import { getDb } from "@/lib/db/client";
import { systems, type SystemStatus } from "@/lib/db/schema";
import "@/lib/vendors";
import { callsLeftForSystem } from "@/lib/vendors/quota";
import { getAdapter } from "@/lib/vendors/registry";
import { isComputedSystem } from "@/lib/systems/computed";

/** One row of the admin systems table. */
export interface AdminSystemRow {
  id: number;
  displayName: string;
  alias: string | null;
  vendorType: string;
  vendorSiteId: string;
  status: SystemStatus;
  owner: { id: string; displayName: string | null };
  lastPollTime: number | null;
  lastSuccessTime: number | null;
  lastError: string | null;
  lastErrorCode: string | null;
  consecutiveErrors: number;
  nextPollAt: number | null;
  /** Vendor calls left today (UTC day) for vendors with a daily quota; null when the vendor has none. */
  callsLeftToday: number | null;
  dailyLimit: number | null;
  /** The quota window the two figures above describe (Enphase's tightest is the month). */
  quotaPeriod: "day" | "month" | null;
  /**
   * Set for a system computed from other systems (a composite), which is never polled itself: how many source
   * systems it reads and the oldest of their last successful polls (the composite is only as fresh as that).
   */
  computed: { sources: number; oldestSourceSuccess: number | null; sourcesNeverPolled: number } | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Start of the UTC day of `nowMs` (vendor quotas such as SolarEdge's reset at UTC midnight). */
export function utcDayStart(nowMs: number): number {
  return nowMs - (nowMs % 86_400_000);
}

/** Every system (removed ones too) with owner, polling state and quota; failing systems first. */
export async function listAdminSystems(nowMs = Date.now()): Promise<AdminSystemRow[]> {
  const client = getDb().$client;
  const res = await client.execute(
    "SELECT s.id, s.display_name, s.alias, s.vendor_type, s.vendor_site_id, s.status, s.owner_user_id, s.metadata, " +
      "u.display_name AS owner_name, p.last_poll_time, p.last_success_time, p.last_error, p.last_error_code, " +
      "COALESCE(p.consecutive_errors, 0) AS consecutive_errors, p.next_poll_at FROM systems s " +
      "LEFT JOIN users u ON u.id = s.owner_user_id LEFT JOIN polling_status p ON p.system_id = s.id " +
      "ORDER BY s.status = 'removed', COALESCE(p.consecutive_errors, 0) DESC, s.id",
  );
  const limited = [...new Set(res.rows.map((r) => String(r.vendor_type)))].filter((v) => getAdapter(v)?.limits?.perDay);
  const used = new Map<number, number>();
  if (limited.length) {
    const counts = await client.execute({
      sql:
        `SELECT system_id, count(*) AS n FROM sessions WHERE started >= ? AND vendor_type IN (${limited.map(() => "?").join(",")}) ` +
        "AND cause <> 'PUSH' GROUP BY system_id",
      args: [utcDayStart(nowMs), ...limited],
    });
    for (const r of counts.rows) used.set(Number(r.system_id), Number(r.n));
  }
  const rows = res.rows.map((r): AdminSystemRow => {
    const id = Number(r.id);
    const dailyLimit = getAdapter(String(r.vendor_type))?.limits?.perDay ?? null;
    return {
      id,
      displayName: String(r.display_name),
      alias: str(r.alias),
      vendorType: String(r.vendor_type),
      vendorSiteId: String(r.vendor_site_id),
      status: String(r.status) as SystemStatus,
      owner: { id: String(r.owner_user_id), displayName: str(r.owner_name) },
      lastPollTime: num(r.last_poll_time),
      lastSuccessTime: num(r.last_success_time),
      lastError: str(r.last_error),
      lastErrorCode: str(r.last_error_code),
      consecutiveErrors: Number(r.consecutive_errors),
      nextPollAt: num(r.next_poll_at),
      dailyLimit,
      callsLeftToday: dailyLimit === null ? null : Math.max(0, dailyLimit - (used.get(id) ?? 0)),
      quotaPeriod: dailyLimit === null ? null : "day",
      computed: null,
    };
  });
  const lastSuccess = new Map(rows.map((r) => [r.id, r.lastSuccessTime]));
  res.rows.forEach((r, i) => {
    if (!isComputedSystem(String(r.vendor_type))) return;
    const sources = sourceIdsOf(parseCompositeMetadata(r.metadata));
    const times = sources.map((id) => lastSuccess.get(id) ?? null);
    const known = times.filter((t): t is number => t !== null);
    rows[i].computed = {
      sources: sources.length,
      oldestSourceSuccess: known.length ? Math.min(...known) : null,
      sourcesNeverPolled: times.length - known.length,
    };
  });
  // Vendors with a call ledger (one poll may make several calls) answer from it instead of the session estimate.
  await Promise.all(
    rows.map(async (row) => {
      const windows = await callsLeftForSystem(row, new Date(nowMs));
      const window = windows?.find((w) => w.period === "day") ?? windows?.find((w) => w.period === "month");
      if (!window) return;
      row.callsLeftToday = window.left;
      row.dailyLimit = window.limit;
      row.quotaPeriod = window.period === "day" ? "day" : "month";
    }),
  );
  return rows;
}

/** Sets a system's status (active / disabled / removed); 404 for an unknown id. */
export async function setSystemStatus(
  systemId: number,
  status: SystemStatus,
): Promise<{ id: number; status: SystemStatus }> {
  const done = await getDb()
    .update(systems)
    .set({ status, updatedAt: Date.now() })
    .where(eq(systems.id, systemId))
    .returning({ id: systems.id, status: systems.status });
  if (!done.length) throw notFound("No system with that id");
  if (status === "active") {
    // A re-enabled system should be polled on the next run, not after its old back-off.
    await getDb().$client.execute({
      sql: "UPDATE polling_status SET next_poll_at = NULL WHERE system_id = ?",
      args: [systemId],
    });
  }
  return done[0];
}
