import { NextResponse } from "next/server";
import { notFound } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { LOCAL_SESSION_COOKIE, readCookie } from "@/lib/auth/local-session";
import { endLocalSessionCookie, isLocalAuthMode } from "@/lib/auth/local-sign-in";
import { endLocalSession } from "@/lib/auth/local-sessions";
import { assertSameOrigin } from "@/lib/auth/same-origin";

export const dynamic = "force-dynamic";

/** Local mode: ends the session on the server (a copy of the cookie stops working at once) and removes the cookie. */
export const POST = withRoute(async (request) => {
  if (!isLocalAuthMode()) throw notFound("Local sign-out is off: this deployment signs in with Clerk");
  assertSameOrigin(request);
  await endLocalSession(readCookie(request.headers.get("cookie"), LOCAL_SESSION_COOKIE));
  const cookie = endLocalSessionCookie();
  const response = NextResponse.json(
    { ok: true, redirectTo: "/sign-in" },
    { headers: { "Cache-Control": "no-store" } },
  );
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
});
