import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireAuth } from "@/lib/auth";
import { changeQuietHours, quietHoursOf, userQuietHoursSchema } from "@/lib/alerts/service";

export const dynamic = "force-dynamic";

/** The caller's own alert preferences: quiet hours in their time zone. */
export const GET = withRoute(async (request: Request) => {
  const user = await requireAuth(request);
  return quietHoursOf(user.userId);
});

/**
 * Sets the caller's quiet hours (`{"quietStart":"22:00","quietEnd":"07:00","timezone":"Australia/Melbourne"}`, or
 * both null for none): email and webhook deliveries of channels they made, and escalations mailed to them, wait until
 * the quiet hours end (critical alerts excepted).
 */
export const PUT = withRoute(async (request: Request) => {
  assertSameOrigin(request);
  const user = await requireAuth(request);
  const body = await parseBody(request, userQuietHoursSchema);
  return changeQuietHours(user.userId, body);
});
