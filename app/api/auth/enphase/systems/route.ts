import { NextResponse } from "next/server";
import { parseBody, parseQuery, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireAuth } from "@/lib/auth";
import {
  addEnphaseSystems,
  addSystemsSchema,
  listPendingSystems,
  pendingQuerySchema,
} from "@/lib/vendors/enphase/setup";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** The systems of the caller's pending Enphase connection (from the callback), to choose one or several. */
export const GET = withRoute(async (request: Request) => {
  const user = await requireAuth(request);
  const { pending } = parseQuery(request, pendingQuerySchema);
  return listPendingSystems(user.userId, pending);
});

/** Adds the chosen systems of the caller's pending Enphase connection; 201 with their summaries. */
export const POST = withRoute(async (request: Request) => {
  assertSameOrigin(request);
  const user = await requireAuth(request);
  const input = await parseBody(request, addSystemsSchema);
  const result = await addEnphaseSystems(user.userId, input);
  return NextResponse.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
});
