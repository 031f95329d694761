import { readJsonBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { createRule, maintenanceOf, rulesOf } from "@/lib/alerts/service";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** The system's alert rules (defaults included) and its maintenance mode. */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "read");
  const rules = (await rulesOf(access.system.id)).map(({ pendingSinceMs: _internal, ...rule }) => rule);
  return { rules, ...(await maintenanceOf(access.system.id)), canWrite: access.canWrite };
});

/** Adds a rule (system admins and owners); params are checked against the kind (400 names each problem). */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write");
  const body = await readJsonBody(request);
  const rule = await createRule(access.system.id, body, access.caller.userId);
  return Response.json({ rule }, { status: 201 });
});
