import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { rateLimitCounters } from "@/lib/db/schema";

/** Counts one request in `key`'s window ending at `windowEndMs` (a new window starts again at 1); the new count. */
export async function incrementCounter(key: string, windowEndMs: number): Promise<number> {
  const [row] = await getDb()
    .insert(rateLimitCounters)
    .values({ key, windowEnd: windowEndMs, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        count: sql`CASE WHEN ${rateLimitCounters.windowEnd} = excluded.window_end THEN ${rateLimitCounters.count} + 1 ELSE 1 END`,
        windowEnd: sql`excluded.window_end`,
      },
    })
    .returning({ count: rateLimitCounters.count });
  return row.count;
}
