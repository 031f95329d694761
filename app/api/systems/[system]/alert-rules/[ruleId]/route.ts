import { readJsonBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { changeRule, idSchema, removeRule } from "@/lib/alerts/service";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string; ruleId: string }> };

async function target(request: Request, ctx: Ctx) {
  const raw = await ctx.params;
  const ref = systemRefSchema.parse(raw.system);
  const ruleId = idSchema("rule").parse(raw.ruleId);
  const access = await requireSystemAccess(request, ref, "write");
  return { systemId: access.system.id, ruleId, userId: access.caller.userId };
}

/** Changes a rule (switch it off with `{"enabled":false}`); its open alert resolves and is raised again if still due. */
export const PATCH = withRoute<Ctx>(async (request, ctx) => {
  assertSameOrigin(request);
  const { systemId, ruleId, userId } = await target(request, ctx);
  const body = await readJsonBody(request);
  const { pendingSinceMs: _internal, ...rule } = await changeRule(systemId, ruleId, body, userId);
  return { rule };
});

/** Deletes a rule; its open alert is resolved first and its history kept. */
export const DELETE = withRoute<Ctx>(async (request, ctx) => {
  assertSameOrigin(request);
  const { systemId, ruleId, userId } = await target(request, ctx);
  await removeRule(systemId, ruleId, userId);
  return { ok: true };
});
