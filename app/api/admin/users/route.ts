import { withRoute } from "@/lib/api/with-route";
import { listAdminUsers } from "@/lib/admin";
import { requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";

/** Every user with the systems they own or were granted, and their roles. */
export const GET = withRoute(async (request: Request) => {
  await requireAdmin(request);
  return { users: await listAdminUsers() };
});
