import { NextResponse } from "next/server";
import { notFound } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { endLocalSessionCookie, isLocalAuthMode } from "@/lib/auth/local-sign-in";
import { assertSameOrigin } from "@/lib/auth/same-origin";

export const dynamic = "force-dynamic";

/** Local mode: removes the session cookie. */
export const POST = withRoute(async (request) => {
  if (!isLocalAuthMode()) throw notFound("Local sign-out is off: this deployment signs in with Clerk");
  assertSameOrigin(request);
  const cookie = endLocalSessionCookie();
  const response = NextResponse.json(
    { ok: true, redirectTo: "/sign-in" },
    { headers: { "Cache-Control": "no-store" } },
  );
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
});
