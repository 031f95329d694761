import { withRoute } from "@/lib/api/with-route";
import { requireCronOrAdmin } from "@/lib/auth";
import { evaluateAlerts } from "@/lib/alerts";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/**
 * Every minute: checks the absence rules (offline, vendor errors, production drop) of every system, groups vendor
 * outages, escalates and expires, then sends queued alert deliveries. The cron secret or a platform admin.
 * Lease-guarded and idempotent: a second run at the same time answers `{ status: "leased" }`.
 */
const handler = withRoute(async (request: Request) => {
  await requireCronOrAdmin(request);
  return evaluateAlerts();
});

export const GET = handler;
export const POST = handler;
