import { parseQuery, withRoute } from "@/lib/api/with-route";
import { requireSystemAccess } from "@/lib/auth";
import { alertListQuerySchema, alertsFor } from "@/lib/alerts/service";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** The system's alerts, newest first (anyone who can read the system); filters: state, severity, limit, before. */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "read");
  const query = parseQuery(request, alertListQuerySchema);
  return { ...(await alertsFor([access.system.id], false, query)), canWrite: access.canWrite };
});
