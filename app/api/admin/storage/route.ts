import { withRoute } from "@/lib/api/with-route";
import { getStorageStats } from "@/lib/admin";
import { requireAdmin } from "@/lib/auth";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Rows, oldest and newest per table, and the database size. */
export const GET = withRoute(async (request: Request) => {
  await requireAdmin(request);
  return getStorageStats();
});
