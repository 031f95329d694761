import { carbonRegionBodySchema, getCarbonRegionSetting, setCarbonRegion } from "@/lib/costs/carbon-region";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** The grid region of the system's carbon figures and the choices (any reader). */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "read");
  return getCarbonRegionSetting(access.system.id);
});

/** Chooses the grid region (`{ region: "VIC" }`, or `null` for automatic); system owners and admins. */
export const PUT = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write");
  const body = await parseBody(request, carbonRegionBodySchema);
  return setCarbonRegion(access.system.id, body.region);
});
