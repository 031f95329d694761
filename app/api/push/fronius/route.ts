import { parseBody, withRoute } from "@/lib/api/with-route";
import { froniusPushSchema } from "@/lib/vendors/fronius/schema";
import { receiveFroniusPush } from "@/lib/vendors/fronius/receive";

export const dynamic = "force-dynamic";

/**
 * A Fronius site's push (no sign-in: the body's apiKey is the system's push secret). 400 with the field errors
 * on a bad body (nothing written), 401 for an unknown key, 200 for test, store and an idempotent replay.
 */
export const POST = withRoute(async (request) => {
  const body = await parseBody(request, froniusPushSchema);
  const client = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip");
  return receiveFroniusPush(body, { client });
});
