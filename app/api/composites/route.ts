import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireAuth } from "@/lib/auth";
import { createComposite, createCompositeSchema } from "@/lib/composite";

export const dynamic = "force-dynamic";

/** Creates a composite owned by the caller over points they may read (docs/composites.md). */
export const POST = withRoute(async (request: Request) => {
  assertSameOrigin(request);
  const user = await requireAuth(request);
  const body = await parseBody(request, createCompositeSchema);
  return Response.json(await createComposite(user, body), { status: 201 });
});
