import { withRoute } from "@/lib/api/with-route";
import { handleClerkEvent, verifyClerkWebhook } from "@/lib/auth/clerk-webhook";

export const dynamic = "force-dynamic";

/** Clerk user events, verified with svix (CLERK_WEBHOOK_SECRET); no session, so no same-origin check. */
export const POST = withRoute(async (request: Request) => {
  const event = verifyClerkWebhook(await request.text(), request.headers);
  return handleClerkEvent(event);
});
