import { NextResponse } from "next/server";
import { withRoute } from "@/lib/api/with-route";
import { requireAuth } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { nonceCookie } from "@/lib/oauth";
import { startEnphaseConnect } from "@/lib/vendors/enphase/connect";

export const dynamic = "force-dynamic";

/** "Connect Enphase": redirects a signed-in user to Enphase's authorize page with a signed, user-bound state. */
export const GET = withRoute(async (request: Request) => {
  const user = await requireAuth(request);
  const out = startEnphaseConnect(user.userId);
  const res = NextResponse.redirect(new URL(out.redirect, getEnv().APP_URL), 302);
  res.headers.set("cache-control", "no-store");
  if (out.nonce) res.headers.append("set-cookie", nonceCookie("enphase", out.nonce, out.maxAgeS!));
  return res;
});
