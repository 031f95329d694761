import { NextResponse } from "next/server";
import { withRoute } from "@/lib/api/with-route";
import { requireAuth } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { nonceCookie } from "@/lib/oauth";
import { requireOAuthAdapter, startConnect } from "@/lib/systems/oauth-connect";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ vendor: string }> };

/**
 * "Connect <vendor>" for a vendor set up by signing in there (its adapter declares `oauth`; 404 for any other):
 * redirects a signed-in user to the vendor's authorize page with a signed, user-bound state.
 */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const user = await requireAuth(request);
  const adapter = requireOAuthAdapter((await params).vendor);
  const out = startConnect(adapter, user.userId);
  const res = NextResponse.redirect(new URL(out.redirect, getEnv().APP_URL), 302);
  res.headers.set("cache-control", "no-store");
  if (out.nonce) res.headers.append("set-cookie", nonceCookie(adapter.vendorType, out.nonce, out.maxAgeS!));
  return res;
});
