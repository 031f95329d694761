import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireAdmin } from "@/lib/auth";
import { actOnFleetAlert, fleetActionSchema, idSchema } from "@/lib/alerts/service";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ alertId: string }> };

/**
 * Platform admins: acknowledge or resolve a vendor-outage (fleet) alert once, `{"action":"acknowledge"}` or
 * `{"action":"resolve"}`, with the per-system alerts it holds back (acknowledged; on resolve also released). Answers
 * the outage alert after and how many system alerts it acknowledged. A system's own alert is acted on under
 * /api/systems/{system}/alerts/{alertId} (400 here).
 */
export const POST = withRoute<Ctx>(async (request, ctx) => {
  assertSameOrigin(request);
  const raw = await ctx.params;
  const user = await requireAdmin(request);
  const alertId = idSchema("alert").parse(raw.alertId);
  const body = await parseBody(request, fleetActionSchema);
  return actOnFleetAlert(alertId, body, user.userId);
});
