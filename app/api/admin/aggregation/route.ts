import { z } from "zod";
import { ApiError, notFound } from "@/lib/api/errors";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { regenerateAccountsAndCosts } from "@/lib/costs";
import { DayRangeError, regenerateDaily } from "@/lib/aggregation";
import { assertSameOrigin, requireAdmin } from "@/lib/auth";
import { listPipelineSystems } from "@/lib/db/queries/systems";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

const day = (name: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a day as YYYY-MM-DD`);
const bodySchema = z
  .object({
    systemId: z.number().int().positive("systemId must be a system id").nullable(),
    from: day("from"),
    to: day("to"),
  })
  .refine((b) => b.from <= b.to, { message: "from must not be after to", path: ["from"] });

/** Regenerates the daily aggregates of one system (or all, systemId null) for a range of its local days. */
export const POST = withRoute(async (request: Request) => {
  assertSameOrigin(request);
  await requireAdmin(request);
  const body = await parseBody(request, bodySchema);
  if (body.systemId !== null) {
    const [system] = await listPipelineSystems([body.systemId]);
    if (!system || system.status === "removed") throw notFound(`There is no system ${body.systemId}`);
  }
  try {
    return await regenerateDaily(body.systemId, body.from, body.to, regenerateAccountsAndCosts);
  } catch (err) {
    if (err instanceof DayRangeError) throw new ApiError("BAD_REQUEST", err.message);
    throw err;
  }
});
