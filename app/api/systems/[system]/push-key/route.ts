import { NextResponse } from "next/server";
import { ApiError, notFound } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { systemRefSchema } from "@/lib/systems/route-params";
import { rotatePushKey } from "@/lib/polling/push";
import { getPushAdapter } from "@/lib/vendors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Issues a new push secret (owner only); the old one stops working at once. The secret is in this response ONLY. */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const { system } = await requireSystemAccess(request, ref, "owner");
  if (!getPushAdapter(system.vendorType)) {
    throw new ApiError("BAD_REQUEST", "Only systems whose site pushes to us have a push key");
  }
  const issued = await rotatePushKey(system.id, system.vendorType);
  if (!issued) throw notFound("System not found");
  return NextResponse.json(
    { push: { url: issued.url, secret: issued.secret }, rotatedAtMs: issued.rotatedAtMs },
    { headers: { "Cache-Control": "no-store" } },
  );
});
