import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { actOnAlert, alertActionSchema, alertOfSystem, idSchema } from "@/lib/alerts/service";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string; alertId: string }> };

async function target(request: Request, ctx: Ctx, level: "read" | "write") {
  const raw = await ctx.params;
  const ref = systemRefSchema.parse(raw.system);
  const alertId = idSchema("alert").parse(raw.alertId);
  const access = await requireSystemAccess(request, ref, level);
  return { systemId: access.system.id, alertId, userId: access.caller.userId };
}

/** One alert with every transition (who, when) and its delivery log (attempts, status, latency). */
export const GET = withRoute<Ctx>(async (request, ctx) => {
  const { systemId, alertId } = await target(request, ctx, "read");
  return alertOfSystem(systemId, alertId);
});

/**
 * Acknowledge, resolve or snooze the alert (system admins and owners): `{"action":"acknowledge"}`,
 * `{"action":"resolve","note":"…"}`, `{"action":"snooze","minutes":60}`. 409 when its state does not allow it.
 */
export const POST = withRoute<Ctx>(async (request, ctx) => {
  assertSameOrigin(request);
  const { systemId, alertId, userId } = await target(request, ctx, "write");
  const body = await parseBody(request, alertActionSchema);
  return actOnAlert(systemId, alertId, body, userId);
});
