import { withRoute } from "@/lib/api/with-route";
import { getRetentionStats } from "@/lib/admin";
import { requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Each retention tier's size, projection for the next year, and what the next cleanup will remove. */
export const GET = withRoute(async (request: Request) => {
  await requireAdmin(request);
  return getRetentionStats();
});
