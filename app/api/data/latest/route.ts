import { z } from "zod";
import type { LatestResponse } from "@/lib/api/contracts";
import { parseQuery, withRoute } from "@/lib/api/with-route";
import { requireSystemAccess } from "@/lib/auth";
import { cadences } from "@/lib/dashboard/cadence";
import { getLatest } from "@/lib/kv";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  systemId: z
    .string({ required_error: "systemId is required: a system id or alias, e.g. ?systemId=12" })
    .trim()
    .regex(/^[A-Za-z0-9_]{1,40}$/, "systemId must be a system id or alias (letters, digits, _)"),
});

/** The newest value of every active point of one readable system, and how often new data arrives now. */
export const GET = withRoute(async (request: Request): Promise<LatestResponse> => {
  const { systemId } = parseQuery(request, querySchema);
  const access = await requireSystemAccess(request, systemId, "read", { scope: "data:read", shareLink: true });
  const [latest, cadence] = await Promise.all([getLatest(access.system.id), cadences([access.system])]);
  return { ...latest, dataIntervalMs: cadence.get(access.system.id)?.dataIntervalMs };
});
