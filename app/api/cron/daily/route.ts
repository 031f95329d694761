import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { readJsonBody, withRoute } from "@/lib/api/with-route";
import { requireCronOrAdmin } from "@/lib/auth";
import { clearDailyAccounts } from "@/lib/accounts";
import { catchUpDaily, clearDaily, DayRangeError, regenerateDaily } from "@/lib/aggregation";
import { accountsAndSessionsAfterDaily, regenerateAccountsAndSessions } from "@/lib/ev/after-daily";
import { clearSessionDays } from "@/lib/ev/store";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

const day = (name: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a day as YYYY-MM-DD`);

const inputSchema = z
  .object({
    action: z
      .enum(["catchup", "regenerate", "clear"], {
        errorMap: () => ({ message: "action must be catchup, regenerate or clear" }),
      })
      .default("catchup"),
    systemId: z.coerce.number().int().positive("systemId must be a system id").optional(),
    from: day("from").optional(),
    to: day("to").optional(),
  })
  .refine((i) => i.action !== "regenerate" || (i.from && i.to), {
    message: "regenerate needs from and to (YYYY-MM-DD, the system's local days)",
    path: ["from"],
  })
  .refine((i) => !i.from || !i.to || i.from <= i.to, { message: "from must not be after to", path: ["from"] });

/** Query parameters, overlaid by a JSON object body when a POST has one. */
async function readInput(request: Request): Promise<unknown> {
  const input: Record<string, unknown> = Object.fromEntries(new URL(request.url).searchParams.entries());
  if (request.method === "POST") {
    const body = await readJsonBody(request, { empty: {} });
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new ApiError("BAD_REQUEST", 'The request body must be a JSON object, e.g. {"action":"catchup"}');
    }
    Object.assign(input, body);
  }
  return input;
}

/** Daily aggregation: catch-up (the 00:05 cron), or an admin regenerate/clear of a day range. */
const handler = withRoute(async (request: Request) => {
  await requireCronOrAdmin(request);
  const parsed = inputSchema.safeParse(await readInput(request));
  if (!parsed.success) throw ApiError.fromZod(parsed.error, "daily request");
  const input = parsed.data;
  try {
    if (input.action === "regenerate") {
      const r = await regenerateDaily(input.systemId ?? null, input.from!, input.to!, regenerateAccountsAndSessions);
      return { action: input.action, ...r };
    }
    if (input.action === "clear") {
      const cleared = await clearDaily(input.systemId ?? null, input.from, input.to);
      await clearDailyAccounts(input.systemId ?? null, input.from, input.to);
      await clearSessionDays(input.systemId ?? null, input.from, input.to);
      return { action: input.action, ...cleared };
    }
    // Each day's energy accounts follow its aggregation (lib/accounts), then its costs (lib/costs) and charging sessions (lib/ev).
    return {
      action: input.action,
      ...(await catchUpDaily({ systemId: input.systemId, afterDaily: accountsAndSessionsAfterDaily })),
    };
  } catch (err) {
    if (err instanceof DayRangeError) {
      throw new ApiError("BAD_REQUEST", err.message);
    }
    throw err;
  }
});

export const GET = handler;
export const POST = handler;
