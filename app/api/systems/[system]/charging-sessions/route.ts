import { parseQuery, withRoute } from "@/lib/api/with-route";
import { requireSystemAccess } from "@/lib/auth";
import { chargingSessionsResponse, sessionsCsv } from "@/lib/ev";
import { chargingSessionsQuerySchema } from "@/lib/ev/request-schema";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Charging sessions of a readable system with solar share, cost and emissions, as JSON or CSV (docs/api.md). */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "read", { scope: "energy:read", shareLink: true });
  const query = parseQuery(request, chargingSessionsQuerySchema);
  const res = await chargingSessionsResponse(access.system.id, query);
  if (query.format === "json") return res;
  const name = `charging-sessions-${access.system.id}-${res.from}-${res.to}.csv`;
  return new Response(sessionsCsv(res.sessions), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
