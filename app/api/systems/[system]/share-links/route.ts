import { NextResponse } from "next/server";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { systemRefSchema } from "@/lib/systems/route-params";
import { createShareLink, createShareLinkSchema, listShareLinks } from "@/lib/tokens";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** The system's share links (owners and system admins, signed in). */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write");
  return { links: await listShareLinks(access.system.id) };
});

/** Creates a read-only link to the dashboard; 201 with its path, shown this once. */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write");
  const input = await parseBody(request, createShareLinkSchema);
  const link = await createShareLink(access, input);
  return NextResponse.json({ link }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
