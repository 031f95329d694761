import "server-only";
import type { InValue } from "@libsql/client";
import { getDb } from "@/lib/db/client";
import type { QuotaPeriod } from "@/lib/db/schema";

/** One counted window: an account's calls in one period starting at `startMs`, with its limit. */
export interface QuotaSlot {
  accountKey: string;
  period: QuotaPeriod;
  startMs: number;
  limit: number;
}

/**
 * Counts one call against every slot, all or nothing, in ONE statement (so concurrent callers cannot both take
 * the last call). Returns the counts after the call per account, or [] when some slot was already full (nothing
 * is counted then).
 */
export async function countQuotaCall(
  vendor: string,
  slots: QuotaSlot[],
  nowMs: number,
): Promise<Array<{ accountKey: string; calls: number }>> {
  const args: InValue[] = [];
  for (const s of slots) args.push(s.accountKey, s.period, s.startMs, s.limit);
  args.push(vendor, nowMs, vendor);
  const res = await getDb().$client.execute({
    sql:
      `WITH w(account_key, period, period_start, lim) AS (VALUES ${slots.map(() => "(?, ?, ?, ?)").join(", ")}) ` +
      "INSERT INTO vendor_quota (vendor, account_key, period, period_start, calls, updated_at) " +
      "SELECT ?, account_key, period, period_start, 1, ? FROM w WHERE NOT EXISTS (SELECT 1 FROM vendor_quota q " +
      "JOIN w f ON q.account_key = f.account_key AND q.period = f.period AND q.period_start = f.period_start " +
      "WHERE q.vendor = ? AND q.calls >= f.lim) " +
      "ON CONFLICT (vendor, account_key, period, period_start) DO UPDATE SET calls = calls + 1, " +
      "updated_at = excluded.updated_at RETURNING account_key, calls",
    args,
  });
  return res.rows.map((r) => ({ accountKey: String(r.account_key), calls: Number(r.calls) }));
}

/** Calls counted in each slot (0 when none), in the slots' order. */
export async function quotaCallsIn(vendor: string, slots: Omit<QuotaSlot, "limit">[]): Promise<number[]> {
  if (!slots.length) return [];
  const res = await getDb().$client.execute({
    sql:
      "SELECT account_key, period, period_start, calls FROM vendor_quota WHERE vendor = ? AND (" +
      slots.map(() => "(account_key = ? AND period = ? AND period_start = ?)").join(" OR ") +
      ")",
    args: [vendor, ...slots.flatMap((s) => [s.accountKey, s.period, s.startMs])],
  });
  const key = (a: unknown, p: unknown, t: unknown) => `${String(a)}|${String(p)}|${Number(t)}`;
  const byKey = new Map(res.rows.map((r) => [key(r.account_key, r.period, r.period_start), Number(r.calls)]));
  return slots.map((s) => byKey.get(key(s.accountKey, s.period, s.startMs)) ?? 0);
}

/** Drops an account's windows that started before the given cut-offs (per period). */
export async function pruneQuotaWindows(
  vendor: string,
  accountKey: string,
  before: Record<QuotaPeriod, number>,
): Promise<void> {
  await getDb().$client.execute({
    sql:
      "DELETE FROM vendor_quota WHERE vendor = ? AND account_key = ? AND ((period = 'minute' AND period_start < ?) " +
      "OR (period = 'day' AND period_start < ?) OR (period = 'month' AND period_start < ?))",
    args: [vendor, accountKey, before.minute, before.day, before.month],
  });
}
