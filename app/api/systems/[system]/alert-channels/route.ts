import { readJsonBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { channelsOf, createChannel } from "@/lib/alerts/service";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Where the system's alerts go (system admins and owners: addresses are personal). Secrets are never returned. */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write");
  return { channels: await channelsOf(access.system.id) };
});

/** Adds an email or webhook channel; a webhook's signing secret is in this answer only (store it at the receiver). */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write");
  const body = await readJsonBody(request);
  return Response.json(await createChannel(access.system.id, body, access.caller.userId), { status: 201 });
});
