import { parseQuery, withRoute } from "@/lib/api/with-route";
import { getPollHealth, healthQuerySchema } from "@/lib/admin";
import { requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Poll health per vendor over the last `days` days (default 3, at most 14) and the systems failing now. */
export const GET = withRoute(async (request: Request) => {
  await requireAdmin(request);
  const { days } = parseQuery(request, healthQuerySchema);
  return getPollHealth(days);
});
