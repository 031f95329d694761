import { parseQuery, withRoute } from "@/lib/api/with-route";
import { listSessions, sessionsQuerySchema } from "@/lib/admin";
import { requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";

/** The poll/push/test log: filters, sort and keyset pagination (`cursor` = the previous page's nextCursor). */
export const GET = withRoute(async (request: Request) => {
  await requireAdmin(request);
  return listSessions(parseQuery(request, sessionsQuerySchema));
});
