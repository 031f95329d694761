import { comparePlans } from "@/lib/costs/compare-plans";
import { compareQuerySchema } from "@/lib/costs/request-schema";
import { parseQuery, withRoute } from "@/lib/api/with-route";
import { requireSystemAccess } from "@/lib/auth";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/**
 * What each saved plan (and a dynamic-price retailer at stored prices) would have cost over the last N months (viewers read). An owner's
 * system without prices of its own is compared with the stored prices of another of their systems.
 */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const query = parseQuery(request, compareQuerySchema);
  const access = await requireSystemAccess(request, ref, "read");
  return comparePlans({ systemId: access.system.id, months: query.months, ownersPrices: access.isOwner });
});
