import "server-only";
import { notFound } from "@/lib/api/errors";
import type { SystemStatus } from "@/lib/db/schema";
import "@/lib/vendors";
import { callsLeftForSystem, spendOf, type ApiSpend } from "@/lib/vendors/quota";
import { getAdapter } from "@/lib/vendors/registry";
import { parseCompositeMetadata, sourceIdsOf } from "@/lib/composite/metadata";
import { isComputedSystem } from "@/lib/systems/computed";
import { countPollsSince, selectAdminSystems, updateSystemStatus } from "./store";

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
  /** The quota window the two figures above describe (a monthly quota's window is the month). */
  quotaPeriod: "day" | "month" | null;
  /** A vendor billed per call: this month's spend and the monthly credit it is measured against (USD). */
  spend: ApiSpend | null;
  /**
   * Set for a system computed from other systems (a composite), which is never polled itself: how many source
   * systems it reads and the oldest of their last successful polls (the composite is only as fresh as that).
   */
  computed: { sources: number; oldestSourceSuccess: number | null; sourcesNeverPolled: number } | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Start of the UTC day of `nowMs` (daily vendor quotas reset at UTC midnight). */
export function utcDayStart(nowMs: number): number {
  return nowMs - (nowMs % 86_400_000);
}

/** Every system (removed ones too) with owner, polling state and quota; failing systems first. */
export async function listAdminSystems(nowMs = Date.now()): Promise<AdminSystemRow[]> {
  const found = await selectAdminSystems();
  const limited = [...new Set(found.map((r) => String(r.vendor_type)))].filter((v) => getAdapter(v)?.limits?.perDay);
  const used = await countPollsSince(utcDayStart(nowMs), limited);
  const rows = found.map((r): AdminSystemRow => {
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
      spend: null,
      computed: null,
    };
  });
  const lastSuccess = new Map(rows.map((r) => [r.id, r.lastSuccessTime]));
  found.forEach((r, i) => {
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
      row.spend = spendOf(windows);
    }),
  );
  return rows;
}

/** Sets a system's status (active / disabled / removed); 404 for an unknown id. */
export async function setSystemStatus(
  systemId: number,
  status: SystemStatus,
): Promise<{ id: number; status: SystemStatus }> {
  const done = await updateSystemStatus(systemId, status);
  if (!done) throw notFound("No system with that id");
  return done;
}
