import { ApiError } from "@/lib/api/errors";
import { errorResponse, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { refreshSystem } from "@/lib/polling/refresh";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

type Ctx = { params: Promise<{ system: string }> };

/**
 * "Refresh now": polls the system at once (session cause USER) for its owner, admins and platform admins; a
 * composite refreshes its sources. Once a minute per system: 429 with Retry-After (seconds) otherwise.
 */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "read");
  try {
    return await refreshSystem(access);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== "RATE_LIMITED") throw err;
    const response = errorResponse(err);
    const { retryAfterMs } = err.details as { retryAfterMs: number };
    response.headers.set("Retry-After", String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    return response;
  }
});
