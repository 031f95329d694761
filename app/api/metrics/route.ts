import { withRoute } from "@/lib/api/with-route";
import { requireUserOrToken } from "@/lib/auth";
import { listVisibleSystems } from "@/lib/dashboard/systems";
import { getLatest } from "@/lib/kv";
import { OPENMETRICS_CONTENT_TYPE, toOpenMetrics } from "@/lib/tokens/openmetrics";

export const dynamic = "force-dynamic";

/** Latest values of the caller's systems (a token: within its systems) for Prometheus, Grafana or Home Assistant. */
export const GET = withRoute(async (request: Request) => {
  const { user, systemIds } = await requireUserOrToken(request, "data:read");
  const visible = (await listVisibleSystems(user)).filter(
    (s) => s.status !== "removed" && (!systemIds || systemIds.includes(s.id)),
  );
  const systems = await Promise.all(
    visible.map(async (s) => ({ id: s.id, name: s.displayName, latest: await getLatest(s.id) })),
  );
  return new Response(toOpenMetrics(systems), {
    headers: { "Content-Type": OPENMETRICS_CONTENT_TYPE, "Cache-Control": "private, no-store" },
  });
});
