import { withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireAuth } from "@/lib/auth";
import { recordIdSchema } from "@/lib/systems/route-params";
import { revokeApiToken } from "@/lib/tokens";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Revokes one of the signed-in user's tokens (another user's token answers 404, like an unknown one). */
export const DELETE = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const user = await requireAuth(request);
  await revokeApiToken(user.userId, recordIdSchema.parse((await params).id));
  return { ok: true };
});
