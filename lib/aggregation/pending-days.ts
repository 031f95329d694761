import "server-only";
import { coalesce } from "@/lib/db/coalesce";
import { localDay } from "@/lib/time/zones";
import { deletePendingDay, selectPendingDays, upsertPendingDays } from "./store";

/** The local day an interval belongs to: its END is in (dayStart, dayEnd], so a midnight end is the day before. */
export function dayOfIntervalEnd(intervalEndMs: number, zone: string): string {
  return localDay(intervalEndMs - 1, zone);
}

type MarkItem = { systemId: number; day: string; nowMs: number };

const markMerged = coalesce<MarkItem, null>(async (items) => {
  await upsertPendingDays(items);
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
  return selectPendingDays(systemId);
}

/** Clears a pending mark unless it was bumped since it was read (a write raced the aggregation). */
export async function clearPendingDay(systemId: number, day: string, version: number): Promise<void> {
  await deletePendingDay(systemId, day, version);
}
