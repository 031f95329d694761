import { getCosts } from "@/lib/costs";
import { costsCsv } from "@/lib/costs/csv";
import { costsQuerySchema } from "@/lib/costs/request-schema";
import { parseQuery, withRoute } from "@/lib/api/with-route";
import { requireSystemAccess } from "@/lib/auth";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Costs, savings and carbon of a readable system per day, month, year or billing period, as JSON or CSV. */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const query = parseQuery(request, costsQuerySchema);
  const access = await requireSystemAccess(request, ref, "read", { scope: "energy:read", shareLink: true });
  const costs = await getCosts({
    systemId: access.system.id,
    period: query.period,
    from: query.from,
    to: query.to,
    intervals: query.intervals,
  });
  if (query.format === "json") return costs;
  const name = `costs-${access.system.id}-${query.period}-${costs.from}-${costs.to}.csv`;
  return new Response(costsCsv(costs), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
