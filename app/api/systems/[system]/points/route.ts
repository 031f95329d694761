import { withRoute } from "@/lib/api/with-route";
import { requireSystemAccess } from "@/lib/auth";
import { listSystemPoints } from "@/lib/systems";
import type { PointsResponse } from "@/lib/systems/contracts";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Every point of a readable system, with its path, unit, flags and editable fields. */
export const GET = withRoute<Ctx>(async (request, { params }): Promise<PointsResponse> => {
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "read", { scope: "systems:read" });
  return { points: await listSystemPoints(access.system.id) };
});
