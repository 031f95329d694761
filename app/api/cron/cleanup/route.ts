import { withRoute } from "@/lib/api/with-route";
import { requireCronOrAdmin } from "@/lib/auth";
import { runCleanup } from "@/lib/polling";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Weekly retention: old raw readings (only where aggregated) and old session responses. */
const handler = withRoute(async (request: Request) => {
  await requireCronOrAdmin(request);
  return runCleanup();
});

export const GET = handler;
export const POST = handler;
