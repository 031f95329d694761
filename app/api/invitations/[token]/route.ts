import { z } from "zod";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireAuth } from "@/lib/auth";
import { previewInvitation, respondToInvitation } from "@/lib/sharing";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

const bodySchema = z.object({
  action: z.enum(["accept", "decline"], { errorMap: () => ({ message: "action must be accept or decline" }) }),
});

/** The invitee's view of an invitation: system name, role, inviter, expiry. */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const user = await requireAuth(request);
  return previewInvitation((await params).token, user.userId);
});

/** Accepts or declines an invitation (single use; the signed-in user must be the invitee). */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const user = await requireAuth(request);
  const { action } = await parseBody(request, bodySchema);
  return respondToInvitation((await params).token, user.userId, action);
});
