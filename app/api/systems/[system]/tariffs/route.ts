import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { systemRefSchema } from "@/lib/systems/route-params";
import { TARIFF_PRESETS, tariffPlanInputSchema } from "@/lib/tariffs";
import { createPlan, listPlans } from "@/lib/tariffs/plans";
import { repriceInBackground } from "@/lib/costs/reprice";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** The system's tariff plans, oldest first, with their warnings, and the presets to start a new one from. */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "read");
  return { plans: await listPlans(access.system.id), presets: TARIFF_PRESETS, canWrite: access.canWrite };
});

/** Adds a plan (system admins and owners); 400 names overlapping or uncovered time-of-use windows. */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write");
  const fields = await parseBody(request, tariffPlanInputSchema);
  const plan = await createPlan(access.system.id, fields, access.caller.userId);
  await repriceInBackground(access.system.id);
  return Response.json({ plan }, { status: 201 });
});
