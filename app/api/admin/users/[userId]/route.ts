import { parseBody, withRoute } from "@/lib/api/with-route";
import { changeUser, userChangeSchema } from "@/lib/admin";
import { assertSameOrigin, requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ userId: string }> };

/**
 * Makes or revokes a platform admin and disables or enables a user (their sessions end at once), each change
 * recorded in the audit log. Platform admins only, same-origin; admins cannot demote or disable themselves (409).
 */
export const PATCH = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const actor = await requireAdmin(request);
  const input = await parseBody(request, userChangeSchema);
  return changeUser(actor, (await params).userId, input);
});
