import { saveActualBill } from "@/lib/costs/bills";
import { billActualSchema } from "@/lib/costs/request-schema";
import { parseBody, withRoute } from "@/lib/api/with-route";
import { assertSameOrigin, requireSystemAccess } from "@/lib/auth";
import { systemRefSchema } from "@/lib/systems/route-params";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Enters (or with amountCents null removes) the actual bill of a billing period (system owners and admins). */
export const PUT = withRoute<Ctx>(async (request, { params }) => {
  assertSameOrigin(request);
  const ref = systemRefSchema.parse((await params).system);
  const access = await requireSystemAccess(request, ref, "write");
  const body = await parseBody(request, billActualSchema);
  return saveActualBill(access.system.id, body.periodStart, body.amountCents, access.caller.userId);
});
