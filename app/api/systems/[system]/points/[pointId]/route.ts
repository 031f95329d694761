import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { pointPatchSchema, updatePoint } from "@/lib/systems";
import { pointIdSchema, systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string; pointId: string }> };

/** Edits one point's display name, alias, subsystem, type/subtype/extension, active flag or transform. */
export const PATCH = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const raw = await params;
  const ref = systemRefSchema.parse(raw.system);
  const pointId = pointIdSchema.parse(raw.pointId);
  const access = await requireSystemAccess(request, ref, "write", { scope: "settings:write" });
  const patch = await parseBody(request, pointPatchSchema);
  return updatePoint(access.system.id, pointId, patch);
});
