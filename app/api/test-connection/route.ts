import { ApiError } from "@/lib/api/errors";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireAuth } from "@/lib/auth";
import { rateLimit } from "@/lib/rate-limit";
import { checkConnection, parseCredentials, requireAdapter, testConnectionSchema } from "@/lib/systems";
import type { TestConnectionResponse } from "@/lib/systems/contracts";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Connection tests per user per minute: each one logs in to a vendor, whose own limits we must not exhaust. */
const TEST_CONNECTION_LIMIT = 10;

/** Checks vendor credentials and shows what the account holds (sites, info, latest values); stores nothing. */
export const POST = withRoute(async (request: Request): Promise<TestConnectionResponse> => {
  assertSameOrigin(request);
  const user = await requireAuth(request);
  const input = await parseBody(request, testConnectionSchema);
  const adapter = requireAdapter(input.vendorType);
  const credentials = parseCredentials(adapter, input.credentials);
  const limit = await rateLimit({
    key: `test-connection:${user.userId}`,
    limit: TEST_CONNECTION_LIMIT,
    windowMs: 60_000,
  });
  if (!limit.ok) {
    const seconds = Math.ceil(limit.retryAfterMs / 1000);
    throw new ApiError("RATE_LIMITED", `Too many connection tests; try again in ${seconds} s`, {
      retryAfterMs: limit.retryAfterMs,
    });
  }
  return (await checkConnection(adapter, credentials, input.vendorSiteId)).response;
});
