import { parseQuery, withRoute } from "@/lib/api/with-route";
import { requireAuth } from "@/lib/auth";
import { alertListQuerySchema, alertsFor, visibleSystemIds } from "@/lib/alerts/service";

export const dynamic = "force-dynamic";

/**
 * Every alert the caller may see, newest first, with the bell's unread count: their own and shared systems' alerts;
 * platform admins see every system's and the fleet (vendor outage) alerts. Filters: state, severity (comma lists).
 */
export const GET = withRoute(async (request: Request) => {
  const user = await requireAuth(request);
  const query = parseQuery(request, alertListQuerySchema);
  if (user.isPlatformAdmin) return alertsFor(null, true, query);
  return alertsFor(await visibleSystemIds(user.userId), false, query);
});
