import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { isLocalAuthMode, startLocalSession } from "@/lib/auth/local-sign-in";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { assertSameOrigin } from "@/lib/auth/same-origin";

export const dynamic = "force-dynamic";

const signInSchema = z.object({
  userId: z.string().trim().min(1, "userId is required").max(200),
  redirect_url: z.string().max(2048).optional(),
});

/** Local mode: signs in as one of the users in the directory and says where to go next. */
export const POST = withRoute(async (request) => {
  if (!isLocalAuthMode()) throw notFound("Local sign-in is off: this deployment signs in with Clerk");
  assertSameOrigin(request);
  const body = await parseBody(request, signInSchema);
  const { user, cookie } = await startLocalSession(body.userId);
  const redirectTo = safeRedirectPath(body.redirect_url ?? new URL(request.url).searchParams.get("redirect_url"));
  const response = NextResponse.json(
    { ok: true, user: { id: user.id, displayName: user.displayName }, redirectTo },
    { headers: { "Cache-Control": "no-store" } },
  );
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
});
