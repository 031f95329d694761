import { getEnergyAccounts } from "@/lib/accounts";
import { accountsCsv } from "@/lib/accounts/csv";
import { energyQuerySchema } from "@/lib/accounts/request-schema";
import { parseQuery, withRoute } from "@/lib/api/with-route";
import { requireSystemAccess } from "@/lib/auth";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Energy accounts of a readable system per day, month, year or lifetime, as JSON or CSV (docs/api.md). */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const query = parseQuery(request, energyQuerySchema);
  const access = await requireSystemAccess(request, ref, "read", { scope: "energy:read", shareLink: true });
  const accounts = await getEnergyAccounts({
    systemId: access.system.id,
    period: query.period,
    from: query.from,
    to: query.to,
    intervals: query.intervals,
  });
  if (query.format === "json") return accounts;
  const name = `energy-${access.system.id}-${query.period}-${accounts.from}-${accounts.to}.csv`;
  return new Response(accountsCsv(accounts), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
