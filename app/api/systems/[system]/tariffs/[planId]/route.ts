import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { systemRefSchema } from "@/lib/systems/route-params";
import { getPlan, planIdSchema, removePlan, tariffPlanUpdateSchema, updatePlan } from "@/lib/tariffs/plans";
import { repriceInBackground } from "@/lib/costs/reprice";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string; planId: string }> };

async function target(request: Request, ctx: Ctx, level: "read" | "write") {
  const raw = await ctx.params;
  const ref = systemRefSchema.parse(raw.system);
  const planId = planIdSchema.parse(raw.planId);
  const access = await requireSystemAccess(request, ref, level);
  return { systemId: access.system.id, planId };
}

/** One plan with its warnings. */
export const GET = withRoute<Ctx>(async (request, ctx) => {
  const { systemId, planId } = await target(request, ctx, "read");
  return { plan: await getPlan(systemId, planId) };
});

/** Replaces a plan (system admins and owners); send `version` to refuse (409) when someone changed it meanwhile. */
export const PUT = withRoute<Ctx>(async (request, ctx) => {
  assertSameOrigin(request);
  const { systemId, planId } = await target(request, ctx, "write");
  const body = await parseBody(request, tariffPlanUpdateSchema);
  const plan = await updatePlan(systemId, planId, body);
  await repriceInBackground(systemId);
  return { plan };
});

/** Removes a plan (system admins and owners); its days fall to the plan before it. */
export const DELETE = withRoute<Ctx>(async (request, ctx) => {
  assertSameOrigin(request);
  const { systemId, planId } = await target(request, ctx, "write");
  await removePlan(systemId, planId);
  await repriceInBackground(systemId);
  return { ok: true };
});
