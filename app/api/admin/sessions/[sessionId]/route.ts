import { withRoute } from "@/lib/api/with-route";
import { getSessionDetail, idParam } from "@/lib/admin";
import { requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ sessionId: string }> };

/** One session with its scrubbed vendor response. */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  await requireAdmin(request);
  return getSessionDetail(idParam((await params).sessionId, "sessionId"));
});
