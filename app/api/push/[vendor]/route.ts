import { notFound } from "@/lib/api/errors";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { receivePush } from "@/lib/polling/push";
import { getPushAdapter } from "@/lib/vendors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ vendor: string }> };

/**
 * A push vendor's site posts here (`/api/push/<vendor>`; no sign-in: the body's apiKey is the system's push
 * secret). 404 for a vendor that does not push; 400 with the field errors on a bad body (nothing written), 401
 * for an unknown key, 200 for test, store and an idempotent replay.
 */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  const adapter = getPushAdapter((await params).vendor);
  if (!adapter) throw notFound("No vendor pushes to this address");
  const body = await parseBody(request, adapter.push.schema);
  const client = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip");
  return receivePush(adapter, body, { client });
});
