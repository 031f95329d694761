import { ApiError } from "@/lib/api/errors";
import { parseQuery, withRoute } from "@/lib/api/with-route";
import { requireSystemAccess } from "@/lib/auth";
import { exportQuerySchema, exportRange } from "@/lib/export/query";
import { exportStream } from "@/lib/export/stream";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

type Ctx = { params: Promise<{ system: string }> };

/**
 * A readable system's readings at one level (raw, 5m, 30m, daily) over a range, streamed as CSV or Parquet
 * (docs/api.md "Export"). The query is checked after access, so a stranger learns nothing from a 400.
 */
export const GET = withRoute<Ctx>(async (request, { params }) => {
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "read", { scope: "data:read" });
  const query = parseQuery(request, exportQuerySchema);
  const system = access.system;
  const range = exportRange(system.id, system.displayTimezone, query);
  if (!range) throw new ApiError("BAD_REQUEST", "to must be after from");
  const name = `system-${system.id}-${query.level}-${range.fromDay}-to-${range.toDay}.${query.format}`;
  return new Response(exportStream(query.level, range, query.format), {
    headers: {
      "Content-Type": query.format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
