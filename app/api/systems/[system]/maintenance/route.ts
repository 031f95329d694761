import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { changeMaintenance, maintenanceSchema } from "@/lib/alerts/service";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Maintenance mode: `{"minutes":120}` suppresses the system's alerts for two hours, `{"minutes":0}` ends it. */
export const PUT = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write");
  const { minutes } = await parseBody(request, maintenanceSchema);
  return changeMaintenance(access.system.id, minutes, access.caller.userId);
});
