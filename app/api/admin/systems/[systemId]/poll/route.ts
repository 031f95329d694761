import { withRoute } from "@/lib/api/with-route";
import { adminPollNow, idParam } from "@/lib/admin";
import { assertSameOrigin, requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

type Ctx = { params: Promise<{ systemId: string }> };

/** Polls one system now (even if disabled or backing off); answers with the poll result and its session. */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  await requireAdmin(request);
  return adminPollNow(idParam((await params).systemId, "systemId"));
});
