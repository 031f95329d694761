import { z } from "zod";
import { parseQuery, withRoute } from "@/lib/api/with-route";
import { requireCronOrAdmin } from "@/lib/auth";
import { runDueBackfills } from "@/lib/backfill";
import { pollDueSystems } from "@/lib/polling";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

const querySchema = z
  .object({
    shard: z.coerce.number().int("shard must be a whole number").min(0, "shard starts at 0").optional(),
    of: z.coerce.number().int("of must be a whole number").min(1, "of must be at least 1").max(1000).optional(),
  })
  .refine((q) => (q.shard === undefined) === (q.of === undefined), {
    message: "Give both shard and of (e.g. ?shard=0&of=4), or neither",
    path: ["shard"],
  })
  .refine((q) => q.shard === undefined || q.of === undefined || q.shard < q.of, {
    message: "shard must be below of: shards are numbered 0 … of-1",
    path: ["shard"],
  });

/**
 * Polls every due system (of one shard), then moves due history imports a few chunks on (shard 0 only; lib/backfill);
 * the cron secret or a platform admin. Safe to run twice at once.
 */
const handler = withRoute(async (request: Request) => {
  const caller = await requireCronOrAdmin(request);
  const query = parseQuery(request, querySchema);
  const shard = query.shard !== undefined && query.of !== undefined ? { index: query.shard, of: query.of } : undefined;
  const summary = await pollDueSystems({ cause: caller.kind === "cron" ? "CRON" : "ADMIN", shard });
  if (shard && shard.index !== 0) return summary;
  return { ...summary, backfill: await runDueBackfills() };
});

export const GET = handler;
export const POST = handler;
