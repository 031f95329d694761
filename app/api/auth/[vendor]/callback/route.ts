import { NextResponse } from "next/server";
import { z } from "zod";
import { parseQuery, withRoute } from "@/lib/api/with-route";
import { getUserFromRequest } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { clearNonceCookie, readNonceCookie } from "@/lib/oauth";
import { completeConnect, requireOAuthAdapter } from "@/lib/systems/oauth-connect";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

const querySchema = z.object({
  state: z.string({ required_error: "state is missing: start again from Setup" }).min(1).max(2000),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(500).optional(),
});

type Ctx = { params: Promise<{ vendor: string }> };

/**
 * The vendor's redirect back (public in middleware, so it can answer 400 for a bad state itself): only a state we
 * signed, unexpired, for the signed-in user and this browser is accepted; then on to Setup to choose systems.
 */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const adapter = requireOAuthAdapter((await params).vendor);
  const q = parseQuery(request, querySchema);
  const user = await getUserFromRequest(request);
  const out = await completeConnect(adapter, {
    state: q.state,
    code: q.code,
    error: q.error,
    errorDescription: q.error_description,
    userId: user?.userId ?? null,
    nonce: readNonceCookie(request, adapter.vendorType),
  });
  const res = NextResponse.redirect(new URL(out.redirect, getEnv().APP_URL), 303);
  res.headers.set("cache-control", "no-store");
  res.headers.append("set-cookie", clearNonceCookie(adapter.vendorType));
  return res;
});
