import "server-only";
import { coalesce } from "@/lib/db/coalesce";
import { upsertThirtyMinute, type Member } from "./sql-thirty-minute";

/** A 30-minute bucket is `(end − 30 min, end]` with `end` on a UTC half hour, like the 5-minute intervals. */
export const THIRTY_MINUTES_MS = 1_800_000;

/** The end of the 30-minute bucket that holds the 5-minute interval ending at `intervalEndMs`. */
export function bucketEndOf(intervalEndMs: number): number {
  return Math.ceil(intervalEndMs / THIRTY_MINUTES_MS) * THIRTY_MINUTES_MS;
}

type Item = { systemId: number; pointId: number; bucketEndMs: number; nowMs: number };

/** Deduped (system, point, bucket) → per (system, point) runs of adjacent buckets → points sharing a run. */
function plan(items: Item[]): Member[] {
  const buckets = new Map<string, { systemId: number; pointId: number; ends: Set<number> }>();
  for (const it of items) {
    const k = `${it.systemId}:${it.pointId}`;
    let b = buckets.get(k);
    if (!b) buckets.set(k, (b = { systemId: it.systemId, pointId: it.pointId, ends: new Set() }));
    b.ends.add(it.bucketEndMs);
  }
  const runs = new Map<string, Member>();
  for (const { systemId, pointId, ends } of buckets.values()) {
    const sorted = [...ends].sort((x, y) => x - y);
    for (let i = 0; i < sorted.length;) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] - sorted[j] === THIRTY_MINUTES_MS) j++;
      const afterMs = sorted[i] - THIRTY_MINUTES_MS;
      const untilMs = sorted[j];
      const k = `${systemId}:${afterMs}:${untilMs}`;
      const run = runs.get(k);
      if (run) run.pointIds.push(pointId);
      else runs.set(k, { systemId, afterMs, untilMs, pointIds: [pointId] });
      i = j + 1;
    }
  }
  return [...runs.values()];
}

/** Every caller's buckets of this turn: one write batch of INSERT … SELECT … GROUP BY upserts. */
const refreshMerged = coalesce<Item, null>(async (items) => {
  const nowMs = items.reduce((a, it) => Math.max(a, it.nowMs), 0);
  await upsertThirtyMinute(plan(items), nowMs);
  return items.map(() => null);
});

/**
 * Recomputes the 30-minute rows of the buckets holding these just-written 5-minute intervals from the stored
 * 5-minute rows (merged with the other callers of this event-loop turn). A bucket whose 5-minute rows are all gone
 * keeps its old row: 5-minute rows are never deleted one by one.
 */
export async function refreshThirtyMinute(
  systemId: number,
  items: Array<{ pointId: number; intervalEndMs: number }>,
  nowMs = Date.now(),
): Promise<void> {
  // Many intervals share a bucket: dedupe before queueing.
  const seen = new Set<string>();
  const queued: Item[] = [];
  for (const { pointId, intervalEndMs } of items) {
    const bucketEndMs = bucketEndOf(intervalEndMs);
    const k = `${pointId}:${bucketEndMs}`;
    if (seen.has(k)) continue;
    seen.add(k);
    queued.push({ systemId, pointId, bucketEndMs, nowMs });
  }
  await refreshMerged(queued);
}
