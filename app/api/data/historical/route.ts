import { withRoute, parseQuery } from "@/lib/api/with-route";
import { requireSystemAccess } from "@/lib/auth";
import { historyQuerySchema, queryHistory, resolveWindow } from "@/lib/history";

export const dynamic = "force-dynamic";

const BEARER = { scope: "data:read", shareLink: true } as const;

/** Time series of matching points of one or more readable systems (docs/api.md). */
export const GET = withRoute(async (request: Request) => {
  const query = parseQuery(request, historyQuerySchema);
  const systems = [];
  for (const ref of query.systemIds) systems.push((await requireSystemAccess(request, ref, "read", BEARER)).system);
  const unique = [...new Map(systems.map((s) => [s.id, s])).values()];
  return queryHistory({
    systems: unique,
    pointKeys: query.pointKeys,
    aggregation: query.aggregation,
    ...resolveWindow(query, Date.now()),
  });
});
