import { withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { idSchema, removeChannel } from "@/lib/alerts/service";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string; channelId: string }> };

/** Removes a channel (and its delivery log). */
export const DELETE = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const raw = await params;
  const ref = systemRefSchema.parse(raw.system);
  const channelId = idSchema("channel").parse(raw.channelId);
  const access = await requireSystemAccess(request, ref, "write");
  await removeChannel(access.system.id, channelId);
  return { ok: true };
});
