import { withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { recordIdSchema, systemRefSchema } from "@/lib/systems/route-params";
import { revokeShareLink } from "@/lib/tokens";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string; linkId: string }> };

/** Revokes a share link: its page and data requests answer 404 from now on. */
export const DELETE = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const raw = await params;
  const ref = systemRefSchema.parse(raw.system);
  const linkId = recordIdSchema.parse(raw.linkId);
  const access = await requireSystemAccess(request, ref, "write");
  await revokeShareLink(access.system.id, linkId);
  return { ok: true };
});
