import { withRoute } from "@/lib/api/with-route";
import { listAdminSystems } from "@/lib/admin";
import { requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";

/** Every system with owner, status, polling state and quota left (platform admins). */
export const GET = withRoute(async (request: Request) => {
  await requireAdmin(request);
  return { systems: await listAdminSystems() };
});
