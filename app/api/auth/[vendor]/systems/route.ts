import { NextResponse } from "next/server";
import { parseBody, parseQuery, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireAuth } from "@/lib/auth";
import { requireOAuthAdapter } from "@/lib/systems/oauth-connect";
import {
  addPendingSystems,
  addSystemsSchema,
  listPendingSystems,
  pendingQuerySchema,
} from "@/lib/systems/oauth-systems";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

type Ctx = { params: Promise<{ vendor: string }> };

/** The systems of the caller's pending connection to a vendor (from the callback), to choose one or several. */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const user = await requireAuth(request);
  const adapter = requireOAuthAdapter((await params).vendor);
  const { pending } = parseQuery(request, pendingQuerySchema);
  return listPendingSystems(adapter, user.userId, pending);
});

/** Adds the chosen systems of the caller's pending connection; 201 with their summaries. */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const user = await requireAuth(request);
  const adapter = requireOAuthAdapter((await params).vendor);
  const input = await parseBody(request, addSystemsSchema);
  const result = await addPendingSystems(adapter, user.userId, input);
  return NextResponse.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
});
