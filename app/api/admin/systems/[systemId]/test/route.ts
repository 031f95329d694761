import { withRoute } from "@/lib/api/with-route";
import { adminTestConnection, idParam } from "@/lib/admin";
import { assertSameOrigin, requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

type Ctx = { params: Promise<{ systemId: string }> };

/** Tests the vendor connection with the system's stored credentials (logged as an ADMIN session). */
export const POST = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  await requireAdmin(request);
  return adminTestConnection(idParam((await params).systemId, "systemId"));
});
