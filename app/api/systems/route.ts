import { NextResponse } from "next/server";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireAuth, requireUserOrToken } from "@/lib/auth";
import { listVisibleSystems } from "@/lib/dashboard/systems";
import { createSystem, createSystemSchema } from "@/lib/systems";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Every system the caller may see (owned, shared, and for platform admins all; a token: within its systems). */
export const GET = withRoute(async (request: Request) => {
  const { user, systemIds } = await requireUserOrToken(request, "systems:read");
  const systems = await listVisibleSystems(user);
  return { systems: systemIds ? systems.filter((s) => systemIds.includes(s.id)) : systems };
});

/** Adds a system after re-checking its credentials with the vendor; 201 with its summary (and push secret, once). */
export const POST = withRoute(async (request: Request) => {
  assertSameOrigin(request);
  const user = await requireAuth(request);
  const input = await parseBody(request, createSystemSchema);
  const created = await createSystem(user.userId, input);
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
