import { NextResponse } from "next/server";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireAuth } from "@/lib/auth";
import { createApiToken, createTokenSchema, listApiTokens } from "@/lib/tokens";

export const dynamic = "force-dynamic";

/** The signed-in user's API tokens (never their secrets). Tokens cannot list or make tokens. */
export const GET = withRoute(async (request: Request) => {
  const user = await requireAuth(request);
  return { tokens: await listApiTokens(user.userId) };
});

/** Creates a token; 201 with its secret in `token`, shown this once. */
export const POST = withRoute(async (request: Request) => {
  assertSameOrigin(request);
  const user = await requireAuth(request);
  const input = await parseBody(request, createTokenSchema);
  const token = await createApiToken(user, input);
  return NextResponse.json({ token }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
