import "server-only";
import type { InValue } from "@libsql/client";
import { getDb } from "@/lib/db/client";
import { chunk, coalesce } from "@/lib/db/coalesce";
import { localDay } from "@/lib/time/zones";

/** The local day an interval belongs to: its END is in (dayStart, dayEnd], so a midnight end is the day before. */
export function dayOfIntervalEnd(intervalEndMs: number, zone: string): string {
  return localDay(intervalEndMs - 1, zone);
}

type MarkItem = { systemId: number; day: string; nowMs: number };

const markMerged = coalesce<MarkItem, null>(async (items) => {
  for (const part of chunk(items, 200)) {
    const args: InValue[] = [];
    for (const it of part) args.push(it.systemId, it.day, it.nowMs);
    await getDb().$client.execute({
      sql:
        `INSERT INTO daily_pending (system_id, day, version, updated_at) VALUES ${part.map(() => "(?,?,1,?)").join(",")} ` +
        "ON CONFLICT (system_id, day) DO UPDATE SET version = version + 1, updated_at = excluded.updated_at",
      args,
    });
  }
  return items.map(() => null);
});

/** Marks the local days of these interval ends as needing their daily aggregate (re)computed (merged per turn). */
export async function markDaysPending(systemId: number, intervalEnds: number[], zone: string): Promise<void> {
  // Many points share an interval end: dedupe before asking luxon for the local day.
  const days = new Set<string>();
  for (const end of new Set(intervalEnds)) days.add(dayOfIntervalEnd(end, zone));
  const now = Date.now();
  await markMerged([...days].map((day) => ({ systemId, day, nowMs: now })));
}

export interface PendingDay {
  systemId: number;
  day: string;
  version: number;
  zone: string;
}

/** Every pending (system, day) with the system's zone, oldest day first. */
export async function listPendingDays(systemId?: number): Promise<PendingDay[]> {
  const res = await getDb().$client.execute({
    sql:
      "SELECT p.system_id, p.day, p.version, s.display_timezone FROM daily_pending p JOIN systems s ON s.id = p.system_id " +
      (systemId === undefined ? "" : "WHERE p.system_id = ? ") +
      "ORDER BY p.day, p.system_id",
    args: systemId === undefined ? [] : [systemId],
  });
  return res.rows.map((r) => ({
    systemId: Number(r.system_id),
    day: String(r.day),
    version: Number(r.version),
    zone: String(r.display_timezone),
  }));
}

/** Clears a pending mark unless it was bumped since it was read (a write raced the aggregation). */
export async function clearPendingDay(systemId: number, day: string, version: number): Promise<void> {
  await getDb().$client.execute({
    sql: "DELETE FROM daily_pending WHERE system_id = ? AND day = ? AND version = ?",
    args: [systemId, day, version],
  });
}
